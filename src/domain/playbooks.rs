//! Playbooks: named checklists for one or more categories, kept in the settings. Applying one
//! to an incident makes a task of each item (see [`super::tasks`]); an item keeps its id when
//! its text is edited, so a playbook applied again after an edit makes nothing twice.

use super::commands::{MAX_NAME, MAX_TITLE};
use super::tasks::Origin;
use super::Category;

/// The most playbooks the settings hold.
pub const MAX_PLAYBOOKS: usize = 100;
/// The most items one playbook holds.
pub const MAX_ITEMS: usize = 50;
/// The longest id of a playbook or an item.
pub const MAX_ID: usize = 64;

/// One thing to do, as a playbook lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlaybookItem {
    /// Its id within the playbook; kept when the text changes.
    pub id: String,
    /// What to do, as the task's title.
    pub text: String,
}

/// A named checklist.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Playbook {
    /// Its id; tasks made from it remember it.
    pub id: String,
    /// What people call it.
    pub name: String,
    /// The categories of incident it is for.
    pub categories: Vec<Category>,
    /// What to do, in order.
    pub items: Vec<PlaybookItem>,
}

/// Why a playbook was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaybookError {
    /// A playbook needs a name.
    #[error("a playbook needs a name")]
    NameRequired,
    /// A playbook or item needs an id.
    #[error("an id is required")]
    IdRequired,
    /// An item needs a text.
    #[error("item {0} is empty")]
    ItemRequired(usize),
    /// Two items share an id.
    #[error("item {0} repeats an id")]
    ItemRepeated(usize),
    /// A playbook is for at least one category.
    #[error("no category")]
    NoCategory,
    /// A text is longer than allowed.
    #[error("too long")]
    TooLong {
        /// The item's index, or `None` for the name or an id.
        item: Option<usize>,
        /// The limit in characters.
        max: usize,
    },
    /// More items than a playbook holds.
    #[error("too many items")]
    TooManyItems,
}

fn longer(text: &str, max: usize) -> bool {
    text.chars().count() > max
}

impl Playbook {
    /// This playbook checked and trimmed, or why it cannot be kept.
    pub fn checked(&self) -> Result<Playbook, PlaybookError> {
        let name = self.name.trim();
        let id = self.id.trim();
        if name.is_empty() {
            return Err(PlaybookError::NameRequired);
        }
        if id.is_empty() {
            return Err(PlaybookError::IdRequired);
        }
        if longer(name, MAX_NAME) {
            return Err(PlaybookError::TooLong {
                item: None,
                max: MAX_NAME,
            });
        }
        if longer(id, MAX_ID) {
            return Err(PlaybookError::TooLong {
                item: None,
                max: MAX_ID,
            });
        }
        if self.categories.is_empty() {
            return Err(PlaybookError::NoCategory);
        }
        if self.items.len() > MAX_ITEMS {
            return Err(PlaybookError::TooManyItems);
        }
        let mut items: Vec<PlaybookItem> = Vec::with_capacity(self.items.len());
        for (index, item) in self.items.iter().enumerate() {
            let (item_id, text) = (item.id.trim(), item.text.trim());
            if text.is_empty() {
                return Err(PlaybookError::ItemRequired(index));
            }
            if item_id.is_empty() {
                return Err(PlaybookError::IdRequired);
            }
            if longer(text, MAX_TITLE) {
                return Err(PlaybookError::TooLong {
                    item: Some(index),
                    max: MAX_TITLE,
                });
            }
            if longer(item_id, MAX_ID) {
                return Err(PlaybookError::TooLong {
                    item: Some(index),
                    max: MAX_ID,
                });
            }
            if items.iter().any(|i| i.id == item_id) {
                return Err(PlaybookError::ItemRepeated(index));
            }
            items.push(PlaybookItem {
                id: item_id.to_string(),
                text: text.to_string(),
            });
        }
        let mut categories = self.categories.clone();
        crate::order::sort(&mut categories);
        categories.dedup();
        Ok(Playbook {
            id: id.to_string(),
            name: name.to_string(),
            categories,
            items,
        })
    }

    /// Whether it is meant for incidents of this category.
    pub fn fits(&self, category: Category) -> bool {
        self.categories.contains(&category)
    }

    /// Each item with the origin a task made from it remembers, for
    /// [`super::tasks::TaskCommand::FromPlaybook`].
    pub fn task_items(&self) -> Vec<(Origin, String)> {
        self.items
            .iter()
            .map(|item| {
                (
                    Origin {
                        playbook: self.id.clone(),
                        item: item.id.clone(),
                    },
                    item.text.clone(),
                )
            })
            .collect()
    }

    /// This playbook with a new item at the end.
    pub fn with_item(&self, id: &str, text: &str) -> Playbook {
        let mut next = self.clone();
        next.items.push(PlaybookItem {
            id: id.to_string(),
            text: text.to_string(),
        });
        next
    }

    /// This playbook with item `index` moved one place up (`up`) or down; unchanged at an end.
    pub fn with_item_moved(&self, index: usize, up: bool) -> Playbook {
        let mut next = self.clone();
        let other = if up {
            index.checked_sub(1)
        } else {
            index.checked_add(1)
        };
        if let Some(other) = other.filter(|o| *o < next.items.len() && index < next.items.len()) {
            next.items.swap(index, other);
        }
        next
    }

    /// This playbook with the text of item `index` replaced (its id stays).
    pub fn with_item_text(&self, index: usize, text: &str) -> Playbook {
        let mut next = self.clone();
        if let Some(item) = next.items.get_mut(index) {
            item.text = text.to_string();
        }
        next
    }

    /// This playbook without item `index`.
    pub fn without_item(&self, index: usize) -> Playbook {
        let mut next = self.clone();
        if index < next.items.len() {
            next.items.remove(index);
        }
        next
    }
}

/// The playbooks Sitrep ships: one per category, as an experienced responder would write them.
pub fn defaults() -> Vec<Playbook> {
    DEFAULTS
        .iter()
        .map(|(id, name, category, items)| Playbook {
            id: (*id).to_string(),
            name: (*name).to_string(),
            categories: vec![*category],
            items: items
                .iter()
                .map(|(item, text)| PlaybookItem {
                    id: (*item).to_string(),
                    text: (*text).to_string(),
                })
                .collect(),
        })
        .collect()
}

type DefaultPlaybook = (
    &'static str,
    &'static str,
    Category,
    &'static [(&'static str, &'static str)],
);

const DEFAULTS: &[DefaultPlaybook] = &[
    (
        "infrastructure",
        "Infrastructure outage",
        Category::Infrastructure,
        &[
            ("scope", "Confirm the scope: which hosts, clusters, regions and services, since when"),
            ("changes", "List changes of the last 24 hours (deploys, configuration, certificates, capacity) and be ready to roll back"),
            ("capacity", "Check saturation on the affected hosts: CPU, memory, disk, connections, file handles"),
            ("drain", "Fail over or drain traffic away from unhealthy hosts or zones"),
            ("restart", "Restart or replace failing instances one at a time, noting each in the timeline"),
            ("provider", "Check the hosting provider's status page; open a support case if their platform is at fault"),
            ("verify", "Confirm recovery on monitoring: error rate, latency and saturation back to baseline"),
            ("record", "Record every change made during the response, to revert it or make it permanent"),
        ],
    ),
    (
        "application",
        "Application failure",
        Category::Application,
        &[
            ("reach", "Confirm the symptom and its reach: which features, which users, what error rate"),
            ("last-change", "Find the last deploy, feature flag or configuration change before impact started"),
            ("rollback", "Roll back, or turn the feature flag off, if a change lines up with the start of impact"),
            ("logs", "Read logs and traces for the first errors, not the loudest ones"),
            ("dependencies", "Check what the application depends on: database, queues, caches, outside APIs"),
            ("pools", "Look for stuck jobs, full queues and exhausted connection pools"),
            ("freeze", "Freeze deploys to the affected service until it is stable"),
            ("verify", "Verify the fix with a real user journey, not only a health check"),
        ],
    ),
    (
        "network",
        "Network disruption",
        Category::Network,
        &[
            ("path", "Map the affected path: which sites, regions and providers, in which direction"),
            ("probe", "Test reachability and latency from more than one place (ping, traceroute, synthetic checks)"),
            ("changes", "Check recent network changes: firewall rules, routing, BGP, load balancers, certificates"),
            ("dns", "Check DNS: records, TTLs, resolver health and recent zone changes"),
            ("carrier", "Call the carrier or ISP if the fault is outside our network, and note their ticket number"),
            ("reroute", "Reroute traffic over a backup link or path where one exists"),
            ("verify", "Confirm recovery from the users' side, not only from inside the network"),
        ],
    ),
    (
        "security",
        "Security incident",
        Category::Security,
        &[
            ("isolate", "Isolate affected hosts and accounts from the network without powering them off"),
            ("evidence", "Preserve evidence (memory, disk, logs) before changing anything"),
            ("credentials", "Rotate exposed credentials, keys and tokens, and revoke active sessions"),
            ("scope", "Establish the scope: which systems, accounts and data were reached, and since when"),
            ("block", "Block the attacker's known indicators (addresses, domains, file hashes) at the edge"),
            ("persistence", "Look for persistence (new accounts, scheduled jobs, keys) before calling it contained"),
            ("notification", "Decide whether a notification duty applies (for instance the GDPR 72-hour clock) and who owns it"),
            ("legal", "Brief legal, and the data protection officer if personal data may be involved"),
            ("need-to-know", "Keep the incident need-to-know: assume the attacker can read the usual channels"),
        ],
    ),
    (
        "data",
        "Data loss or corruption",
        Category::Data,
        &[
            ("stop-writes", "Stop the writes that cause the damage: pause jobs, or put the service read-only"),
            ("snapshot", "Snapshot the current state before any repair"),
            ("extent", "Establish which records and which time window are affected"),
            ("backup", "Find the last good backup and prove it restores, on a copy"),
            ("repair-plan", "Choose the repair (restore, replay, or fix in place) and who signs it off"),
            ("personal-data", "Check whether personal data is involved and whether a notification duty applies"),
            ("verify", "Have the data's owner check a sample of the repaired records"),
            ("downstream", "Tell the teams downstream that consumed the affected data"),
        ],
    ),
    (
        "third-party",
        "Supplier outage",
        Category::ThirdParty,
        &[
            ("confirm", "Confirm the supplier is the cause: their status page, our calls to them, error codes"),
            ("case", "Open a case with the supplier at the severity the contract allows, and note its number"),
            ("contacts", "Find the contract's support line and escalation contacts"),
            ("fallback", "Fall back or degrade gracefully: a second supplier, a cache, a queue, the feature off"),
            ("eta", "Ask the supplier for an estimated fix time, and set when to ask again"),
            ("stakeholders", "Tell stakeholders which features depend on the supplier and what to do meanwhile"),
            ("report", "Ask the supplier for their incident report once they recover"),
        ],
    ),
    (
        "other",
        "First steps",
        Category::Other,
        &[
            ("known", "Write down what is known, what is not, and what is being done"),
            ("roles", "Name an incident commander and a scribe"),
            ("impact", "Establish who is affected and how badly"),
            ("owner", "Find who owns the affected system or process and bring them in"),
            ("next-step", "Decide the next step and when to check on it"),
            ("comms", "Agree who tells stakeholders, and how often"),
            ("decisions", "Record every decision with its reason in the timeline"),
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_a_default_playbook_of_five_to_ten_valid_items() {
        let defaults = defaults();
        for category in Category::ALL {
            let fitting: Vec<&Playbook> = defaults.iter().filter(|p| p.fits(category)).collect();
            assert_eq!(fitting.len(), 1, "{category:?}");
            let playbook = fitting[0];
            assert!((5..=10).contains(&playbook.items.len()), "{}", playbook.id);
            assert_eq!(playbook.checked().as_ref(), Ok(playbook), "{}", playbook.id);
        }
    }

    fn small() -> Playbook {
        Playbook {
            id: "p".into(),
            name: "P".into(),
            categories: vec![Category::Other],
            items: vec![],
        }
        .with_item("a", "First")
        .with_item("b", "Second")
    }

    #[test]
    fn items_are_added_moved_renamed_and_removed_keeping_their_ids() {
        let p = small().with_item_moved(1, true);
        assert_eq!(p.items[0].id, "b");
        assert_eq!(p.with_item_moved(0, true), p, "the first stays first");
        assert_eq!(p.with_item_moved(1, false), p, "the last stays last");
        let renamed = p.with_item_text(1, "First, better");
        assert_eq!(
            renamed.items[1],
            PlaybookItem {
                id: "a".into(),
                text: "First, better".into()
            }
        );
        assert_eq!(renamed.without_item(0).items.len(), 1);
        assert_eq!(renamed.without_item(0).items[0].id, "a");
        // An index past the end changes nothing (and never panics).
        assert_eq!(p.with_item_moved(2, true), p);
        assert_eq!(p.with_item_moved(5, false), p);
        assert_eq!(p.without_item(2), p);
        assert_eq!(p.with_item_text(2, "x"), p);
    }

    #[test]
    fn each_item_becomes_a_task_title_under_an_origin_naming_playbook_and_item() {
        let items = small().task_items();
        let named: Vec<(&str, &str, &str)> = items
            .iter()
            .map(|(o, title)| (o.playbook.as_str(), o.item.as_str(), title.as_str()))
            .collect();
        assert_eq!(named, vec![("p", "a", "First"), ("p", "b", "Second")]);
    }

    #[test]
    fn a_playbook_is_refused_with_its_reason() {
        let p = small();
        let named = |name: &str| Playbook {
            name: name.into(),
            ..p.clone()
        };
        assert_eq!(named("  ").checked(), Err(PlaybookError::NameRequired));
        assert!(named(&"n".repeat(MAX_NAME)).checked().is_ok());
        assert_eq!(
            named(&"n".repeat(MAX_NAME + 1)).checked(),
            Err(PlaybookError::TooLong {
                item: None,
                max: MAX_NAME
            })
        );
        assert_eq!(
            p.with_item_text(1, " ").checked(),
            Err(PlaybookError::ItemRequired(1))
        );
        assert!(p
            .with_item_text(1, &"t".repeat(MAX_TITLE))
            .checked()
            .is_ok());
        assert_eq!(
            p.with_item_text(1, &"t".repeat(MAX_TITLE + 1)).checked(),
            Err(PlaybookError::TooLong {
                item: Some(1),
                max: MAX_TITLE
            })
        );
        assert_eq!(
            p.with_item("a", "Again").checked(),
            Err(PlaybookError::ItemRepeated(2))
        );
        let none = Playbook {
            categories: vec![],
            ..p.clone()
        };
        assert_eq!(none.checked(), Err(PlaybookError::NoCategory));
        let mut full = p.clone();
        for i in 0..MAX_ITEMS - 2 {
            full = full.with_item(&format!("x{i}"), "x");
        }
        assert_eq!(full.items.len(), MAX_ITEMS);
        assert!(full.checked().is_ok(), "exactly the limit is kept");
        let over = full.with_item("one-more", "x");
        assert_eq!(over.checked(), Err(PlaybookError::TooManyItems));
        assert_eq!(
            p.with_item_text(0, "  First  ").checked().unwrap().items[0].text,
            "First"
        );
    }
}
