//! The roles part: who commands the incident, leads communications and operations, keeps the
//! record, and which subject-matter experts help. Each named role is a register keyed by the
//! role; each expert is a child record keyed by the id given when they were added, so experts
//! added in two copies are both kept.

use uuid::Uuid;

use super::commands::{check_text, CommandContext, CommandError, Input, MAX_NAME};
use super::register::{Head, Keyed, Register, Slot, Stamp};
use super::{Change, Event, Incident, Topic};

/// A role one person holds at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Incident commander: decides and delegates.
    Commander,
    /// Communications lead: keeps stakeholders informed.
    CommsLead,
    /// Operations lead: directs the technical response.
    OpsLead,
    /// Scribe: keeps the timeline.
    Scribe,
}

impl Role {
    /// Every role, in the order a page shows them.
    pub const ALL: [Role; 4] = [
        Role::Commander,
        Role::CommsLead,
        Role::OpsLead,
        Role::Scribe,
    ];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Commander => "commander",
            Role::CommsLead => "comms_lead",
            Role::OpsLead => "ops_lead",
            Role::Scribe => "scribe",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A subject-matter expert helping with the incident.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Expert {
    /// Who.
    pub person: String,
    /// What they know about, e.g. "database".
    pub area: String,
}

/// A roles event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum RolesEvent {
    /// A role was given to someone, or handed over from `from`.
    Assigned {
        /// Which role.
        role: Role,
        /// Who holds it now.
        person: String,
        /// Who held it as the writer saw it (none when it was vacant or unknown).
        from: Option<String>,
    },
    /// A role was released and is vacant.
    Released {
        /// Which role.
        role: Role,
        /// Who held it as the writer saw it.
        from: Option<String>,
    },
    /// An expert was added (or their entry rewritten).
    ExpertAssigned {
        /// The expert's own id.
        expert: Uuid,
        /// Who and what about.
        who: Expert,
    },
    /// An expert was released.
    ExpertReleased {
        /// The expert's id.
        expert: Uuid,
    },
}

/// The roles as folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RolesState {
    /// Holder of each named role (`None`: released).
    pub holders: Keyed<Role, Register<Option<String>>>,
    /// Each expert by id (`None`: released).
    pub experts: Keyed<Uuid, Register<Option<Expert>>>,
}

impl RolesState {
    /// The write that gave `role` its current holder, if someone holds it.
    pub fn holder(&self, role: Role) -> Option<(&str, &Head<Option<String>>)> {
        let head = self.holders.get(&role)?.winner()?;
        Some((head.value.as_deref()?, head))
    }

    /// The experts now helping, with the write that added them, in id order.
    pub fn experts(&self) -> impl Iterator<Item = (Uuid, &Expert, &Head<Option<Expert>>)> {
        self.experts.iter().filter_map(|(id, register)| {
            let head = register.winner()?;
            Some((id, head.value.as_ref()?, head))
        })
    }

    /// Every register of the part, by the topic it is.
    pub fn slots(&self) -> Vec<(Topic, &dyn Slot)> {
        let roles = self
            .holders
            .iter()
            .map(|(role, r)| (Topic::Role(role), r as &dyn Slot));
        let experts = self
            .experts
            .iter()
            .map(|(id, r)| (Topic::Expert(id), r as &dyn Slot));
        roles.chain(experts).collect()
    }
}

/// The fold step.
pub fn apply(state: &mut RolesState, stamp: &Stamp<'_>, event: &RolesEvent) {
    match event {
        RolesEvent::Assigned { role, person, .. } => state
            .holders
            .entry(*role)
            .write(stamp, Some(person.clone())),
        RolesEvent::Released { role, .. } => state.holders.entry(*role).write(stamp, None),
        RolesEvent::ExpertAssigned { expert, who } => {
            state.experts.entry(*expert).write(stamp, Some(who.clone()))
        }
        RolesEvent::ExpertReleased { expert } => state.experts.entry(*expert).write(stamp, None),
    }
}

/// A change of who holds a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleCommand {
    /// Give a role to someone, or hand it over from its holder.
    Assign {
        /// Which role.
        role: Role,
        /// To whom.
        person: String,
    },
    /// Leave a role vacant.
    Release(Role),
    /// Add a subject-matter expert.
    AddExpert(Expert),
    /// Release a subject-matter expert.
    ReleaseExpert(Uuid),
}

impl RoleCommand {
    /// The role event, or nothing when nothing would change.
    pub fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        let roles = &incident.parts().roles;
        match self {
            RoleCommand::Assign { role, person } => {
                check_text(Input::Name, &person, MAX_NAME, true)?;
                let person = person.trim().to_string();
                let from = roles.holder(role).map(|(name, _)| name.to_string());
                let topic = Topic::Role(role);
                if from.as_deref() == Some(person.as_str()) && incident.conflicts(topic).is_empty()
                {
                    return Ok(Vec::new());
                }
                let change = Change::Roles(RolesEvent::Assigned { role, person, from });
                Ok(vec![ctx.write(incident, topic, change)])
            }
            RoleCommand::Release(role) => {
                let topic = Topic::Role(role);
                let from = roles.holder(role).map(|(name, _)| name.to_string());
                if from.is_none() && incident.conflicts(topic).is_empty() {
                    return Ok(Vec::new());
                }
                let change = Change::Roles(RolesEvent::Released { role, from });
                Ok(vec![ctx.write(incident, topic, change)])
            }
            RoleCommand::AddExpert(who) => {
                check_text(Input::Name, &who.person, MAX_NAME, true)?;
                check_text(Input::Area, &who.area, MAX_NAME, true)?;
                let who = Expert {
                    person: who.person.trim().to_string(),
                    area: who.area.trim().to_string(),
                };
                let expert = ctx.fresh_id();
                let change = Change::Roles(RolesEvent::ExpertAssigned { expert, who });
                Ok(vec![ctx.event(change)])
            }
            RoleCommand::ReleaseExpert(expert) => {
                let topic = Topic::Expert(expert);
                let helping = roles.experts().any(|(id, _, _)| id == expert);
                if !helping && incident.conflicts(topic).is_empty() {
                    return Ok(Vec::new());
                }
                let change = Change::Roles(RolesEvent::ExpertReleased { expert });
                Ok(vec![ctx.write(incident, topic, change)])
            }
        }
    }
}
