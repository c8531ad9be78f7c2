//! Who sees what: the header's navigation links for a user's roles, and who may open the
//! school administration screens (the server checks again: 403 for anyone else).

use super::Route;
use crate::i18n::t;
use hocba_core::api::{Role, Roles};

/// Whether the user holds `role`, as home role or as one of the others.
fn holds(role: Role, roles: &[Role], wanted: Role) -> bool {
    Roles { primary: role, all: roles }.has(wanted)
}

/// Admins and principals run the school: years, classes, staff, pupils.
pub fn can_administer(role: Role, roles: &[Role]) -> bool {
    Roles { primary: role, all: roles }.is_school_manager()
}

/// A link of the header's navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavItem {
    MyClasses,
    MyChildren,
    Reviews,
    Dashboard,
    Signing,
    Admin,
}

impl NavItem {
    pub fn label(self) -> &'static str {
        let tx = t();
        match self {
            NavItem::MyClasses => tx.my_classes,
            NavItem::MyChildren => tx.my_children,
            NavItem::Reviews => tx.reviews_title,
            NavItem::Dashboard => tx.nav_dashboard,
            NavItem::Signing => tx.nav_signing,
            NavItem::Admin => tx.nav_admin,
        }
    }

    pub fn route(self) -> Route {
        match self {
            NavItem::MyClasses | NavItem::MyChildren => Route::Home,
            NavItem::Reviews => Route::Reviews,
            NavItem::Dashboard => Route::Dashboard,
            NavItem::Signing => Route::Signing,
            NavItem::Admin => Route::Admin,
        }
    }
}

/// The header's links for a user whose home role is `role`.
pub fn nav_items(role: Role, roles: &[Role]) -> Vec<NavItem> {
    let mut out = Vec::new();
    if role == Role::Parent {
        out.push(NavItem::MyChildren);
    }
    // A principal's home is the review list; anyone else who teaches sees their classes at home.
    if role != Role::Principal && holds(role, roles, Role::Teacher) {
        out.push(NavItem::MyClasses);
    }
    if holds(role, roles, Role::Principal) {
        out.push(NavItem::Reviews);
    }
    // The dashboard is the school's: for those who run it.
    if can_administer(role, roles) {
        out.push(NavItem::Dashboard);
        out.push(NavItem::Signing);
        out.push(NavItem::Admin);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use NavItem::*;

    #[test]
    fn each_role_sees_its_links() {
        assert_eq!(nav_items(Role::Teacher, &[Role::Teacher]), vec![MyClasses]);
        assert_eq!(nav_items(Role::Parent, &[Role::Parent]), vec![MyChildren]);
        assert_eq!(nav_items(Role::Principal, &[Role::Principal]), vec![Reviews, Dashboard, Signing, Admin]);
        assert_eq!(nav_items(Role::Admin, &[Role::Admin]), vec![Dashboard, Signing, Admin]);
        // `roles` may be empty from an older server: the home role still counts.
        assert_eq!(nav_items(Role::Admin, &[]), vec![Dashboard, Signing, Admin]);
    }

    #[test]
    fn several_roles_add_up() {
        assert_eq!(nav_items(Role::Admin, &[Role::Admin, Role::Teacher]), vec![MyClasses, Dashboard, Signing, Admin]);
        assert_eq!(
            nav_items(Role::Teacher, &[Role::Teacher, Role::Principal]),
            vec![MyClasses, Reviews, Dashboard, Signing, Admin]
        );
        assert_eq!(
            nav_items(Role::Principal, &[Role::Principal, Role::Teacher]),
            vec![Reviews, Dashboard, Signing, Admin]
        );
    }

    #[test]
    fn only_admins_and_principals_administer() {
        assert!(can_administer(Role::Admin, &[Role::Admin]));
        assert!(can_administer(Role::Teacher, &[Role::Teacher, Role::Principal]));
        assert!(!can_administer(Role::Teacher, &[Role::Teacher]));
        assert!(!can_administer(Role::Parent, &[Role::Parent]));
        assert_eq!(NavItem::Admin.route(), Route::Admin);
        assert_eq!(NavItem::Admin.label(), "Quản trị");
        assert_eq!(NavItem::Dashboard.route(), Route::Dashboard);
        assert_eq!(NavItem::Dashboard.label(), "Tổng quan");
        assert_eq!(NavItem::Signing.route(), Route::Signing);
        assert_eq!(NavItem::Signing.label(), "Kí số");
    }
}
