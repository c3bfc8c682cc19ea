//! Impact, urgency and the ITIL priority matrix that derives P1–P5 from them.

/// A level of impact or urgency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Severe or widespread.
    High,
    /// Noticeable but limited.
    Medium,
    /// Minor.
    Low,
}

impl Level {
    /// Every level, most severe first.
    pub const ALL: [Level; 3] = [Level::High, Level::Medium, Level::Low];

    /// Stable machine name, as written in files and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Medium => "medium",
            Level::Low => "low",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// Incident priority, P1 (critical) to P5 (planning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    /// Critical.
    P1,
    /// High.
    P2,
    /// Moderate.
    P3,
    /// Low.
    P4,
    /// Planning.
    P5,
}

impl Priority {
    /// Every priority, most urgent first.
    pub const ALL: [Priority; 5] = [
        Priority::P1,
        Priority::P2,
        Priority::P3,
        Priority::P4,
        Priority::P5,
    ];

    /// Short code, e.g. `P1`.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
            Priority::P4 => "P4",
            Priority::P5 => "P5",
        }
    }

    /// Parses the short code.
    pub fn parse(s: &str) -> Option<Priority> {
        Priority::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s))
    }
}

/// The priority matrix: impact × urgency → priority, as a table (editable in settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Matrix([[Priority; 3]; 3]);

impl Default for Matrix {
    fn default() -> Self {
        Matrix::DEFAULT
    }
}

impl Matrix {
    /// The ITIL default: rows by impact (high, medium, low), columns by urgency.
    pub const DEFAULT: Matrix = Matrix([
        [Priority::P1, Priority::P2, Priority::P3],
        [Priority::P2, Priority::P3, Priority::P4],
        [Priority::P3, Priority::P4, Priority::P5],
    ]);

    /// The priority this matrix gives.
    pub fn priority(&self, impact: Level, urgency: Level) -> Priority {
        self.0[impact.index()][urgency.index()]
    }

    /// This matrix with one cell set.
    pub fn with(mut self, impact: Level, urgency: Level, priority: Priority) -> Matrix {
        self.0[impact.index()][urgency.index()] = priority;
        self
    }

    /// Every cell: impact, urgency and the priority they give, row by row.
    pub fn cells(&self) -> impl Iterator<Item = (Level, Level, Priority)> + '_ {
        Level::ALL.into_iter().flat_map(move |impact| {
            Level::ALL
                .into_iter()
                .map(move |urgency| (impact, urgency, self.priority(impact, urgency)))
        })
    }
}

impl Level {
    /// Row or column of the matrix.
    fn index(self) -> usize {
        match self {
            Level::High => 0,
            Level::Medium => 1,
            Level::Low => 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_nine_matrix_cells_match_the_design() {
        use Level::*;
        use Priority::*;
        let expected = [
            (High, High, P1),
            (High, Medium, P2),
            (High, Low, P3),
            (Medium, High, P2),
            (Medium, Medium, P3),
            (Medium, Low, P4),
            (Low, High, P3),
            (Low, Medium, P4),
            (Low, Low, P5),
        ];
        for (impact, urgency, priority) in expected {
            assert_eq!(
                Matrix::DEFAULT.priority(impact, urgency),
                priority,
                "{impact:?} × {urgency:?}"
            );
        }
        assert_eq!(Matrix::DEFAULT.cells().count(), 9);
    }

    #[test]
    fn a_cell_set_changes_that_cell_only() {
        let edited = Matrix::DEFAULT.with(Level::Low, Level::Low, Priority::P4);
        for (impact, urgency, priority) in edited.cells() {
            let expected = if (impact, urgency) == (Level::Low, Level::Low) {
                Priority::P4
            } else {
                Matrix::DEFAULT.priority(impact, urgency)
            };
            assert_eq!(priority, expected, "{impact:?} × {urgency:?}");
        }
    }

    #[test]
    fn names_round_trip() {
        for p in Priority::ALL {
            assert_eq!(Priority::parse(p.as_str()), Some(p));
        }
        for l in Level::ALL {
            assert_eq!(Level::parse(l.as_str()), Some(l));
        }
        assert_eq!(Priority::parse("P9"), None);
    }
}
