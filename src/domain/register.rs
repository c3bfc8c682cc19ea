//! The two building blocks every part of an incident folds into: a [`Register`] (one value,
//! written again and again, whose concurrent writes are its conflicts) and [`Keyed`] child
//! records (a task, a link, a subject expert), each keyed by its own id.
//!
//! Both are pure and know nothing of events: a fold step hands them a [`Stamp`] (who wrote,
//! when, and which writes the writer replaced) with the value.

use std::any::Any;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// Where a write comes from: the identity and times of the event that carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp<'a> {
    /// The event's id.
    pub id: Uuid,
    /// When it was written (the fold's order).
    pub recorded_at: DateTime<Utc>,
    /// When it happened, by its writer's clock.
    pub at: DateTime<Utc>,
    /// Who wrote it.
    pub actor: &'a str,
    /// The writes its writer saw and replaced.
    pub supersedes: &'a [Uuid],
}

/// A write that no other write replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head<T> {
    /// The event that wrote it (who wrote it is on the event: the fold copies no names).
    pub event: Uuid,
    /// When it was written.
    pub recorded_at: DateTime<Utc>,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The value written.
    pub value: T,
}

/// A head that lost to the winner with another value: a write made concurrently with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rival {
    /// The losing event.
    pub event: Uuid,
    /// When it was written.
    pub recorded_at: DateTime<Utc>,
}

/// A write that lost to a concurrent one, with its writer: kept in the log and shown beside the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The losing event.
    pub event: Uuid,
    /// Who wrote it.
    pub actor: String,
    /// When it was written.
    pub recorded_at: DateTime<Utc>,
}

/// One value that many writes set. The winner is the latest head in fold order; the other heads
/// (writes that nothing supersedes) holding another value are its conflicts. If B writes B1 then
/// B2 while A writes A1 apart, the heads are A1 and B2: B1 was replaced by its own writer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Register<T> {
    heads: Vec<Head<T>>,
    replaced: Vec<Uuid>,
}

impl<T> Default for Register<T> {
    fn default() -> Self {
        Register {
            heads: Vec::new(),
            replaced: Vec::new(),
        }
    }
}

impl<T: PartialEq> Register<T> {
    /// Applies one write; writes must come in fold order (`recorded_at`, then id).
    pub fn write(&mut self, stamp: &Stamp<'_>, value: T) {
        self.heads.retain(|h| !stamp.supersedes.contains(&h.event));
        self.replaced
            .extend(stamp.supersedes.iter().filter(|id| **id != stamp.id));
        // A write some earlier write already replaced (only a hand-made file orders them so)
        // is no head, unless the writes replace each other in a cycle and none would be left:
        // a register always keeps a value.
        if self.replaced.contains(&stamp.id) && !self.heads.is_empty() {
            return;
        }
        self.heads.push(Head {
            event: stamp.id,
            recorded_at: stamp.recorded_at,
            at: stamp.at,
            value,
        });
    }

    /// The winning write: the latest head.
    pub fn winner(&self) -> Option<&Head<T>> {
        self.heads.last()
    }

    /// The winning value.
    pub fn value(&self) -> Option<&T> {
        self.winner().map(|h| &h.value)
    }

    /// Heads other than the winner that hold another value; equal concurrent writes agree.
    pub fn conflicts(&self) -> Vec<Rival> {
        let Some((winner, rest)) = self.heads.split_last() else {
            return Vec::new();
        };
        rest.iter()
            .filter(|h| h.value != winner.value)
            .map(|h| Rival {
                event: h.event,
                recorded_at: h.recorded_at,
            })
            .collect()
    }

    /// The writes a new write replaces: every head, so that it settles any conflict.
    pub fn heads(&self) -> Vec<Uuid> {
        let mut ids: Vec<Uuid> = self.heads.iter().map(|h| h.event).collect();
        ids.dedup();
        ids
    }
}

/// Child records, each keyed by its own id and each a [`Register`] (or anything with a default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyed<K: Ord, V>(BTreeMap<K, V>);

impl<K: Ord, V> Default for Keyed<K, V> {
    fn default() -> Self {
        Keyed(BTreeMap::new())
    }
}

impl<K: Ord + Copy, V: Default> Keyed<K, V> {
    /// The record under `key`, made empty if there is none yet.
    pub fn entry(&mut self, key: K) -> &mut V {
        self.0.entry(key).or_default()
    }

    /// The record under `key`.
    pub fn get(&self, key: &K) -> Option<&V> {
        self.0.get(key)
    }

    /// Every record in key order.
    pub fn iter(&self) -> impl Iterator<Item = (K, &V)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }
}

/// A register seen without its value type: what the import preview and conflict marks need of
/// any part's registers.
pub trait Slot {
    /// Its conflicts (see [`Register::conflicts`]).
    fn conflicts(&self) -> Vec<Rival>;
    /// Its heads (see [`Register::heads`]).
    fn heads(&self) -> Vec<Uuid>;
    /// Where the winning write falls in the fold (`recorded_at`, then id).
    fn winner_key(&self) -> Option<(DateTime<Utc>, Uuid)>;
    /// Whether another slot holds the same winning value.
    fn same_value(&self, other: &dyn Slot) -> bool;
    /// Itself, to compare values of one type.
    fn as_any(&self) -> &dyn Any;
}

impl<T: PartialEq + 'static> Slot for Register<T> {
    fn conflicts(&self) -> Vec<Rival> {
        Register::conflicts(self)
    }

    fn heads(&self) -> Vec<Uuid> {
        Register::heads(self)
    }

    fn winner_key(&self) -> Option<(DateTime<Utc>, Uuid)> {
        self.winner().map(|h| (h.recorded_at, h.event))
    }

    fn same_value(&self, other: &dyn Slot) -> bool {
        other
            .as_any()
            .downcast_ref::<Register<T>>()
            .is_some_and(|other| other.value() == self.value())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn t(minute: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + chrono::TimeDelta::minutes(minute)
    }

    fn write(
        register: &mut Register<&'static str>,
        n: u128,
        supersedes: &[Uuid],
        value: &'static str,
    ) {
        let stamp = Stamp {
            id: id(n),
            recorded_at: t(n as i64),
            at: t(n as i64),
            actor: "a",
            supersedes,
        };
        register.write(&stamp, value);
    }

    #[test]
    fn a_writer_replacing_its_own_write_leaves_one_head() {
        let mut r = Register::default();
        write(&mut r, 1, &[], "declared");
        write(&mut r, 2, &[id(1)], "A1");
        write(&mut r, 3, &[id(1)], "B1");
        write(&mut r, 4, &[id(3)], "B2");
        assert_eq!(r.value(), Some(&"B2"));
        assert_eq!(r.heads(), vec![id(2), id(4)]);
        let conflicts: Vec<Uuid> = r.conflicts().iter().map(|c| c.event).collect();
        assert_eq!(conflicts, vec![id(2)], "A1 against B2, never B1");
    }

    #[test]
    fn equal_concurrent_writes_do_not_conflict_and_one_write_settles_both() {
        let mut r = Register::default();
        write(&mut r, 1, &[], "x");
        write(&mut r, 2, &[], "x");
        assert!(r.conflicts().is_empty());
        assert_eq!(r.heads(), vec![id(1), id(2)]);
        let heads = r.heads();
        write(&mut r, 3, &heads, "y");
        assert_eq!(r.heads(), vec![id(3)]);
    }

    #[test]
    fn a_write_replaced_by_an_earlier_one_is_never_a_head() {
        let mut r = Register::default();
        write(&mut r, 1, &[id(2)], "first");
        write(&mut r, 2, &[], "second");
        assert_eq!(r.value(), Some(&"first"));
        assert!(r.conflicts().is_empty());
    }

    #[test]
    fn a_supersede_cycle_still_leaves_a_head() {
        // 2 replaces 1 and 3; 3 replaces 2: a value stays (the last of the cycle).
        let mut r = Register::default();
        write(&mut r, 1, &[], "declared");
        write(&mut r, 2, &[id(1), id(3)], "two");
        write(&mut r, 3, &[id(2)], "three");
        assert_eq!(r.value(), Some(&"three"));
        assert_eq!(r.heads(), vec![id(3)]);
    }

    #[test]
    fn slots_compare_winning_values_of_one_type_only() {
        let mut a = Register::default();
        let mut b = Register::default();
        write(&mut a, 1, &[], "x");
        write(&mut b, 2, &[], "x");
        assert!(Slot::same_value(&a, &b));
        write(&mut b, 3, &[id(2)], "y");
        assert!(!Slot::same_value(&a, &b));
        let other: Register<u8> = Register::default();
        assert!(!Slot::same_value(&a, &other));
    }
}
