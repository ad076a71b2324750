//! Who may do what: the one authorisation check every feature uses. Roles
//! are per tenant (citizen, moderator, admin); platform operators manage
//! every tenant. Admins and operators must have a second factor before
//! they use their powers. Every refusal is logged.

use super::model::{Role, User};
use crate::error::{Error, Result, Words};

/// Something only some people may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Propose, support, vote and share stories: needs a confirmed email
    /// address (and, once places set one, their residency rule).
    Participate,
    /// Hide and restore contributions, handle flags.
    Moderate,
    /// Appoint moderators and admins of the tenant.
    ManageRoles,
    /// See email that could not be delivered, and send it again.
    ViewMailFailures,
    /// Read the tenant's audit log and check its chain.
    ViewAudit,
    /// Mark an organisation as recognised by the council, or take that back.
    VerifyOrganisations,
    /// Manage the place itself: its areas (and, as they land, its story
    /// and settings).
    ManagePlace,
    /// Move citizens' proposals through co-design, decision, delivery and
    /// evaluation.
    DecideProposals,
    /// Create, suspend and reopen tenants and appoint their first admins.
    OperatePlatform,
}

impl Permission {
    fn allowed(self, user: &User) -> bool {
        match self {
            Permission::Participate => user.email_verified(),
            Permission::Moderate => user.role() >= Role::Moderator,
            Permission::ManageRoles
            | Permission::ViewMailFailures
            | Permission::ViewAudit
            | Permission::VerifyOrganisations
            | Permission::ManagePlace
            | Permission::DecideProposals => user.role() == Role::Admin,
            Permission::OperatePlatform => user.platform_operator,
        }
    }

    /// Powers that need a second factor: everything an admin or operator
    /// does.
    fn needs_second_factor(self) -> bool {
        !matches!(self, Permission::Participate | Permission::Moderate)
    }
}

/// Allows the action or says why not: 403 for a person without the power,
/// or a request to set up a second factor first.
pub fn require(user: &User, permission: Permission) -> Result<()> {
    if !permission.allowed(user) {
        tracing::warn!(user = %user.id, ?permission, "authorisation refused");
        if permission == Permission::Participate {
            return Err(Error::Forbidden(
                Words::of("accounts-error-confirm-email-first").into(),
            ));
        }
        return Err(Error::Forbidden(
            Words::of("accounts-error-no-permission").into(),
        ));
    }
    if permission.needs_second_factor() && !user.has_second_factor() {
        tracing::warn!(user = %user.id, ?permission, "authorisation refused until a second factor is set up");
        return Err(Error::SecondFactorRequired);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, operator: bool, totp: bool) -> User {
        let now = chrono::Utc::now().naive_utc();
        User {
            tenant_id: crate::db::ids::TenantId::new(),
            id: crate::db::ids::UserId::new(),
            email: "a@example.org".into(),
            email_verified_at: Some(now),
            password_hash: None,
            display_name: "A".into(),
            role: role.as_str().into(),
            platform_operator: operator,
            totp_secret: totp.then(|| "SECRET".into()),
            totp_last_step: None,
            created_at: now,
            updated_at: now,
            language: None,
        }
    }

    #[test]
    fn the_permission_matrix() {
        use Permission::*;
        let citizen = user(Role::Citizen, false, true);
        let moderator = user(Role::Moderator, false, false);
        let admin = user(Role::Admin, false, true);
        let operator = user(Role::Citizen, true, true);
        for p in [
            Moderate,
            ManageRoles,
            ViewMailFailures,
            ViewAudit,
            VerifyOrganisations,
            ManagePlace,
            OperatePlatform,
        ] {
            assert!(require(&citizen, p).is_err(), "{p:?}");
        }
        assert!(require(&moderator, Moderate).is_ok());
        assert!(require(&moderator, ManageRoles).is_err());
        assert!(require(&admin, ManageRoles).is_ok());
        assert!(require(&admin, Moderate).is_ok());
        assert!(require(&admin, ViewAudit).is_ok());
        assert!(require(&moderator, ViewAudit).is_err());
        assert!(require(&operator, ViewAudit).is_err());
        assert!(require(&admin, OperatePlatform).is_err());
        assert!(require(&operator, OperatePlatform).is_ok());
        assert!(require(&operator, ManageRoles).is_err());
        assert!(require(&admin, VerifyOrganisations).is_ok());
        assert!(require(&moderator, VerifyOrganisations).is_err());
        assert!(require(&operator, VerifyOrganisations).is_err());
        assert!(require(&admin, ManagePlace).is_ok());
        assert!(require(&moderator, ManagePlace).is_err());
        assert!(require(&operator, ManagePlace).is_err());
    }

    #[test]
    fn taking_part_needs_a_confirmed_address() {
        let mut person = user(Role::Citizen, false, false);
        assert!(require(&person, Permission::Participate).is_ok());
        person.email_verified_at = None;
        assert!(require(&person, Permission::Participate).is_err());
    }

    #[test]
    fn admins_need_a_second_factor_first() {
        let admin = user(Role::Admin, false, false);
        assert!(matches!(
            require(&admin, Permission::ManageRoles),
            Err(Error::SecondFactorRequired)
        ));
        assert!(matches!(
            require(&admin, Permission::ViewAudit),
            Err(Error::SecondFactorRequired)
        ));
        assert!(matches!(
            require(&admin, Permission::VerifyOrganisations),
            Err(Error::SecondFactorRequired)
        ));
        assert!(matches!(
            require(&admin, Permission::ManagePlace),
            Err(Error::SecondFactorRequired)
        ));
        let operator = user(Role::Citizen, true, false);
        assert!(matches!(
            require(&operator, Permission::OperatePlatform),
            Err(Error::SecondFactorRequired)
        ));
    }
}
