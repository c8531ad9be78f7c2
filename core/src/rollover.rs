//! Planning the year rollover (chuyển năm học): where each pupil of this year's classes goes
//! next year, and which classes next year needs. Pure: the backend reads the classes, asks for
//! a [`plan`], shows it ([`Plan::to_api`]) and applies it.
//!
//! Rules:
//! - a pupil the principal decided must repeat ("ở lại lớp") keeps the grade and goes to the
//!   class of the same name next year (also in grade 5);
//! - any other grade-5 pupil completes primary school (Graduate);
//! - everyone else is promoted to [`next_class_name`] of the class, one grade up;
//! - a lớp ghép (class with a `combined_grade`) keeps its name and both grades next year: its
//!   promoted pupils whose new grade is one of its grades stay in it, the others go to
//!   [`next_class_name`] with their new grade.
//!
//! Several classes may map into the same new class (e.g. a grade-3 pupil of lớp ghép "3+4A"
//! and the pupils of "3A" all promoted into "4A"; or two classes without a grade in their
//! name): the new class is listed once and receives them all.

use crate::api::admin::{ClassPlan, NewClassPlan, PupilMove, PupilPlan, RolloverPlan};
use crate::api::PupilRef;
use std::collections::{BTreeMap, BTreeSet};

/// A pupil of this year's class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PupilIn {
    pub id: String,
    pub full_name: String,
    /// The pupil's own grade (differs from the class's first grade in a lớp ghép).
    pub grade: u8,
}

/// One of this year's classes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassIn {
    pub id: String,
    pub name: String,
    pub grade: u8,
    /// Second grade of a lớp ghép.
    pub combined_grade: Option<u8>,
    pub pupils: Vec<PupilIn>,
}

/// What happens to one pupil.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub pupil_id: String,
    pub full_name: String,
    pub from_class_id: String,
    pub action: PupilMove,
    /// Name of next year's class; `None` when graduating.
    pub to_class: Option<String>,
    /// The pupil's grade next year; `None` when graduating.
    pub to_grade: Option<u8>,
}

/// The rollover plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// One per pupil, in the order of the input classes and pupils.
    pub moves: Vec<Move>,
    /// Next year's classes as (name, grade, combined_grade), sorted by grade then name, each once.
    pub new_classes: Vec<(String, u8, Option<u8>)>,
    pub promoted: u32,
    pub repeating: u32,
    pub graduating: u32,
}

/// Last grade of primary school.
const LAST_GRADE: u8 = 5;

/// Next year's name of a class: the first number in the name equal to `from_grade` becomes
/// `to_grade` ("4A" → "5A", "4A1" → "5A1", "Lớp 4B" → "Lớp 5B"). A name without that number
/// gets the new grade in front ("Hoa Mai" → "5 Hoa Mai", "Lớp Hoa Mai" → "Lớp 5 Hoa Mai"), so
/// that the following years find it.
pub fn next_class_name(name: &str, from_grade: u8, to_grade: u8) -> String {
    let name = name.trim();
    let from = from_grade.to_string();
    let to = to_grade.to_string();
    let mut start = None;
    for (i, c) in name.char_indices().chain(std::iter::once((name.len(), ' '))) {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if name[s..i] == from {
                    return format!("{}{}{}", &name[..s], to, &name[i..]);
                }
                start = None;
            }
            _ => {}
        }
    }
    if name.is_empty() {
        return to;
    }
    let lop = name.char_indices().nth(3).map(|(i, _)| i).filter(|i| crate::people::match_key(&name[..*i]) == "lop");
    match lop {
        Some(i) if name[i..].starts_with(' ') => format!("{} {} {}", &name[..i], to, name[i..].trim_start()),
        _ => format!("{to} {name}"),
    }
}

/// Plans the rollover of `classes`; `repeaters` are the ids of the pupils who must repeat.
pub fn plan(classes: &[ClassIn], repeaters: &BTreeSet<String>) -> Plan {
    let mut out = Plan::default();
    // Keyed (grade, name, combined_grade) for the sort order.
    let mut new_classes: BTreeSet<(u8, String, Option<u8>)> = BTreeSet::new();
    for class in classes {
        let combined = class.combined_grade.map(|second| (class.grade, second));
        if let Some(second) = class.combined_grade {
            new_classes.insert((class.grade, class.name.clone(), Some(second)));
        }
        for pupil in &class.pupils {
            let (action, target) = if repeaters.contains(&pupil.id) {
                (PupilMove::Repeat, Some((class.name.clone(), pupil.grade)))
            } else if pupil.grade >= LAST_GRADE {
                (PupilMove::Graduate, None)
            } else {
                let to_grade = pupil.grade + 1;
                let stays = combined.is_some_and(|(a, b)| to_grade == a || to_grade == b);
                let name = if stays { class.name.clone() } else { next_class_name(&class.name, pupil.grade, to_grade) };
                (PupilMove::Promote, Some((name, to_grade)))
            };
            if let Some((name, grade)) = &target {
                match combined {
                    Some((first, second)) if *name == class.name => {
                        new_classes.insert((first, name.clone(), Some(second)));
                    }
                    _ => {
                        new_classes.insert((*grade, name.clone(), None));
                    }
                }
            }
            match action {
                PupilMove::Promote => out.promoted += 1,
                PupilMove::Repeat => out.repeating += 1,
                PupilMove::Graduate => out.graduating += 1,
            }
            let (to_class, to_grade) = target.unzip();
            out.moves.push(Move {
                pupil_id: pupil.id.clone(),
                full_name: pupil.full_name.clone(),
                from_class_id: class.id.clone(),
                action,
                to_class,
                to_grade,
            });
        }
    }
    out.new_classes = new_classes.into_iter().map(|(grade, name, combined)| (name, grade, combined)).collect();
    out
}

impl Plan {
    /// Names given to more than one of next year's classes (with different grades), which the
    /// school must resolve before applying.
    pub fn name_clashes(&self) -> Vec<String> {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for (name, _, _) in &self.new_classes {
            *count.entry(name.as_str()).or_default() += 1;
        }
        count.into_iter().filter(|(_, n)| *n > 1).map(|(name, _)| name.to_owned()).collect()
    }

    /// The API view of the plan for the classes it was made from; `to_year` is e.g. "2027-2028".
    pub fn to_api(&self, classes: &[ClassIn], to_year: &str) -> RolloverPlan {
        let class_plans = classes
            .iter()
            .map(|class| ClassPlan {
                from_class: class.name.clone(),
                from_grade: class.grade,
                pupils: self
                    .moves
                    .iter()
                    .filter(|m| m.from_class_id == class.id)
                    .map(|m| PupilPlan {
                        pupil: PupilRef { id: m.pupil_id.clone(), full_name: m.full_name.clone() },
                        action: m.action,
                        to_class: m.to_class.clone(),
                    })
                    .collect(),
            })
            .collect();
        let new_classes = self
            .new_classes
            .iter()
            .map(|(name, grade, _)| NewClassPlan {
                name: name.clone(),
                grade: *grade,
                pupil_count: count_u32(self.moves.iter().filter(|m| m.to_class.as_ref() == Some(name)).count()),
            })
            .collect();
        RolloverPlan {
            to_year: to_year.to_owned(),
            classes: class_plans,
            new_classes,
            promoted: self.promoted,
            repeating: self.repeating,
            graduating: self.graduating,
            applied: false,
        }
    }
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pupils(prefix: &str, grade: u8, n: usize) -> Vec<PupilIn> {
        (1..=n)
            .map(|i| PupilIn { id: format!("{prefix}-{i}"), full_name: format!("Học sinh {prefix} {i}"), grade })
            .collect()
    }

    fn class(id: &str, name: &str, grade: u8, pupils: Vec<PupilIn>) -> ClassIn {
        ClassIn { id: id.into(), name: name.into(), grade, combined_grade: None, pupils }
    }

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| (*s).to_owned()).collect()
    }

    fn find<'a>(plan: &'a Plan, id: &str) -> &'a Move {
        plan.moves.iter().find(|m| m.pupil_id == id).expect("pupil planned")
    }

    #[test]
    fn class_names() {
        assert_eq!(next_class_name("4A", 4, 5), "5A");
        assert_eq!(next_class_name("4A1", 4, 5), "5A1");
        assert_eq!(next_class_name("Lớp 4B", 4, 5), "Lớp 5B");
        assert_eq!(next_class_name("1A4", 4, 5), "1A5");
        assert_eq!(next_class_name("4/1", 4, 5), "5/1");
        assert_eq!(next_class_name("14A", 4, 5), "5 14A");
        assert_eq!(next_class_name("Hoa Mai", 4, 5), "5 Hoa Mai");
        assert_eq!(next_class_name("Lớp Hoa Mai", 4, 5), "Lớp 5 Hoa Mai");
        assert_eq!(next_class_name("lop  Hoa Mai", 4, 5), "lop 5 Hoa Mai");
        assert_eq!(next_class_name(" 3C ", 3, 4), "4C");
        assert_eq!(next_class_name("", 1, 2), "2");
        // The prefixed name carries on in the following years.
        assert_eq!(next_class_name(&next_class_name("Hoa Mai", 2, 3), 3, 4), "4 Hoa Mai");
    }

    #[test]
    fn graduates_promotions_and_a_repeater() {
        let classes = vec![class("c5a", "5A", 5, pupils("5a", 5, 3)), class("c4a", "4A", 4, pupils("4a", 4, 4))];
        let plan = plan(&classes, &set(&["4a-2"]));
        assert_eq!((plan.graduating, plan.promoted, plan.repeating), (3, 3, 1));
        for i in 1..=3 {
            let m = find(&plan, &format!("5a-{i}"));
            assert_eq!((m.action, m.to_class.as_deref(), m.to_grade), (PupilMove::Graduate, None, None));
            assert_eq!(m.from_class_id, "c5a");
        }
        for id in ["4a-1", "4a-3", "4a-4"] {
            let m = find(&plan, id);
            assert_eq!((m.action, m.to_class.as_deref(), m.to_grade), (PupilMove::Promote, Some("5A"), Some(5)));
        }
        let m = find(&plan, "4a-2");
        assert_eq!((m.action, m.to_class.as_deref(), m.to_grade), (PupilMove::Repeat, Some("4A"), Some(4)));
        assert_eq!(plan.new_classes, [("4A".to_owned(), 4, None), ("5A".to_owned(), 5, None)]);
        assert!(plan.name_clashes().is_empty());

        let api = plan.to_api(&classes, "2026-2027");
        assert_eq!(api.to_year, "2026-2027");
        assert_eq!(api.classes.len(), 2);
        assert_eq!(api.classes[1].from_class, "4A");
        assert_eq!(api.classes[1].pupils.len(), 4);
        let counts: Vec<(&str, u32)> = api.new_classes.iter().map(|c| (c.name.as_str(), c.pupil_count)).collect();
        assert_eq!(counts, [("4A", 1), ("5A", 3)]);
        assert_eq!((api.promoted, api.repeating, api.graduating, api.applied), (3, 1, 3, false));
    }

    #[test]
    fn a_grade_5_repeater_stays_in_grade_5() {
        let plan = plan(&[class("c", "5B", 5, pupils("p", 5, 2))], &set(&["p-1"]));
        let m = find(&plan, "p-1");
        assert_eq!((m.action, m.to_class.as_deref(), m.to_grade), (PupilMove::Repeat, Some("5B"), Some(5)));
        assert_eq!(find(&plan, "p-2").action, PupilMove::Graduate);
        assert_eq!(plan.new_classes, [("5B".to_owned(), 5, None)]);
    }

    #[test]
    fn a_combined_class_keeps_its_name_and_grades() {
        let mut ghep = class("g", "Ghép 2-3", 2, pupils("two", 2, 2));
        ghep.combined_grade = Some(3);
        ghep.pupils.extend(pupils("three", 3, 2));
        let classes = vec![ghep, class("c3", "3A", 3, pupils("a", 3, 1))];
        let plan = plan(&classes, &set(&["three-2"]));
        let m = find(&plan, "two-1");
        assert_eq!((m.action, m.to_class.as_deref(), m.to_grade), (PupilMove::Promote, Some("Ghép 2-3"), Some(3)));
        let m = find(&plan, "three-1");
        assert_eq!((m.action, m.to_class.as_deref(), m.to_grade), (PupilMove::Promote, Some("Ghép 2-4"), Some(4)));
        let m = find(&plan, "three-2");
        assert_eq!((m.action, m.to_class.as_deref(), m.to_grade), (PupilMove::Repeat, Some("Ghép 2-3"), Some(3)));
        let m = find(&plan, "a-1");
        assert_eq!(m.to_class.as_deref(), Some("4A"));
        assert_eq!(
            plan.new_classes,
            [("Ghép 2-3".to_owned(), 2, Some(3)), ("4A".to_owned(), 4, None), ("Ghép 2-4".to_owned(), 4, None)]
        );
    }

    #[test]
    fn a_combined_4_5_class_graduates_its_grade_5() {
        let mut ghep = class("g", "4+5", 4, pupils("four", 4, 1));
        ghep.combined_grade = Some(5);
        ghep.pupils.extend(pupils("five", 5, 1));
        let plan = plan(&[ghep], &BTreeSet::new());
        assert_eq!(find(&plan, "four-1").to_class.as_deref(), Some("4+5"));
        assert_eq!(find(&plan, "five-1").action, PupilMove::Graduate);
        assert_eq!(plan.new_classes, [("4+5".to_owned(), 4, Some(5))]);
    }

    #[test]
    fn several_classes_may_share_a_new_class() {
        let classes = vec![class("x", "Hoa Mai", 3, pupils("x", 3, 1)), class("y", "4 Hoa Mai", 4, pupils("y", 4, 1))];
        let plan = plan(&classes, &set(&["y-1"]));
        assert_eq!(find(&plan, "x-1").to_class.as_deref(), Some("4 Hoa Mai"));
        assert_eq!(find(&plan, "y-1").to_class.as_deref(), Some("4 Hoa Mai"));
        assert_eq!(plan.new_classes, [("4 Hoa Mai".to_owned(), 4, None)]);
        assert_eq!(plan.to_api(&classes, "2026-2027").new_classes[0].pupil_count, 2);
    }

    #[test]
    fn clashing_names_are_reported() {
        // A grade-3 pupil filed in "4A": the name has no 3, so the new grade is put in front.
        let mut c = class("c", "4A", 4, pupils("a", 4, 1));
        c.pupils.push(PupilIn { id: "b".into(), full_name: "B".into(), grade: 3 });
        let plan = plan(&[c, class("d", "3A", 3, pupils("d", 3, 1))], &set(&["a-1"]));
        assert_eq!(find(&plan, "b").to_class.as_deref(), Some("4 4A"));
        assert!(plan.name_clashes().is_empty());
        let mut e = class("e", "Ghép", 1, pupils("e", 1, 1));
        e.combined_grade = Some(2);
        let f = class("f", "Ghép", 3, pupils("f", 3, 1));
        let plan = super::plan(&[e, f], &set(&["f-1"]));
        assert_eq!(plan.name_clashes(), ["Ghép"]);
    }

    fn any_classes() -> impl Strategy<Value = Vec<ClassIn>> {
        let one = (1u8..=5, any::<bool>(), proptest::collection::vec((any::<bool>(), any::<bool>()), 0..8), 0u8..3);
        proptest::collection::vec(one, 0..8).prop_map(|specs| {
            specs
                .into_iter()
                .enumerate()
                .map(|(ci, (grade, ghep, kids, letter))| {
                    let combined = (ghep && grade < 5).then_some(grade + 1);
                    let name = match letter {
                        0 => format!("{grade}{}", ['A', 'B', 'C'][ci % 3]),
                        1 => format!("Lớp {grade}/{ci}"),
                        _ => format!("Hoa {ci}"),
                    };
                    let pupils = kids
                        .into_iter()
                        .enumerate()
                        .map(|(pi, (second, _))| PupilIn {
                            id: format!("{ci}-{pi}"),
                            full_name: format!("HS {ci} {pi}"),
                            grade: if second { combined.unwrap_or(grade) } else { grade },
                        })
                        .collect();
                    ClassIn { id: format!("c{ci}"), name, grade, combined_grade: combined, pupils }
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn every_pupil_is_planned_once(classes in any_classes(), pick in proptest::collection::vec(any::<bool>(), 64)) {
            let all: Vec<&PupilIn> = classes.iter().flat_map(|c| &c.pupils).collect();
            let repeaters: BTreeSet<String> = all
                .iter()
                .enumerate()
                .filter(|(i, _)| pick[i % pick.len()] && i % 3 == 0)
                .map(|(_, p)| p.id.clone())
                .collect();
            let plan = plan(&classes, &repeaters);

            prop_assert_eq!(plan.moves.len(), all.len());
            for p in &all {
                let moves: Vec<&Move> = plan.moves.iter().filter(|m| m.pupil_id == p.id).collect();
                prop_assert_eq!(moves.len(), 1);
                let m = moves[0];
                let expected = if repeaters.contains(&p.id) {
                    (PupilMove::Repeat, Some(p.grade))
                } else if p.grade == 5 {
                    (PupilMove::Graduate, None)
                } else {
                    (PupilMove::Promote, Some(p.grade + 1))
                };
                prop_assert_eq!((m.action, m.to_grade), expected);
                prop_assert_eq!(m.to_class.is_some(), m.to_grade.is_some());
                if let (Some(name), Some(grade)) = (&m.to_class, m.to_grade) {
                    let holds = |(n, g, c): &(String, u8, Option<u8>)| n == name && (*g == grade || *c == Some(grade));
                    let listed = plan.new_classes.iter().any(holds);
                    prop_assert!(listed);
                }
            }
            let total = u32::try_from(all.len()).expect("small");
            prop_assert_eq!(plan.graduating + plan.promoted + plan.repeating, total);

            let mut sorted = plan.new_classes.clone();
            sorted.sort_by(|a, b| (a.1, &a.0, a.2).cmp(&(b.1, &b.0, b.2)));
            sorted.dedup();
            prop_assert_eq!(&sorted, &plan.new_classes);

            let api = plan.to_api(&classes, "2027-2028");
            let planned: usize = api.classes.iter().map(|c| c.pupils.len()).sum();
            prop_assert_eq!(planned, all.len());
        }
    }
}
