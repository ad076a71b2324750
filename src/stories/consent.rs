//! The rule of reading, free of storage: which live grant (if any) lets a
//! viewer read a story, for a purpose and an action, at a moment. The
//! service asks it on every read; tests check it against an independent
//! statement of the rule over random grants, viewers, purposes and times.

use chrono::NaiveDateTime;

use super::model::{Action, Attribution, Audience, Consent, Purpose};
use crate::db::ids::OrganisationId;

/// What the service knows about the person reading.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Viewer {
    /// Signed in to this place (so `tenant` grants cover them).
    pub signed_in: bool,
    /// Organisations they belong to (only the one they act for, when they
    /// say they act for one).
    pub organisations: Vec<OrganisationId>,
    /// Boards they are a member of.
    pub boards: Vec<String>,
}

impl Viewer {
    /// A visitor who is not signed in.
    pub fn visitor() -> Self {
        Self::default()
    }

    /// Whether a grant's audience includes this viewer.
    pub fn in_audience(&self, audience: &Audience) -> bool {
        match audience {
            Audience::Public => true,
            Audience::Tenant => self.signed_in,
            Audience::Organisation(id) => self.signed_in && self.organisations.contains(id),
            Audience::Board(id) => self.signed_in && self.boards.contains(id),
        }
    }
}

/// What a reader asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ask {
    /// Only grants for this purpose (any purpose when absent, for a plain
    /// view or download).
    pub purpose: Option<Purpose>,
    pub action: Action,
}

/// Whether a grant's purpose and audience allow this action at all: an
/// excerpt is for an organisation's report; the public page publishes
/// only what the citizen gave to the public for publication.
fn allows(purpose: Purpose, audience: &Audience, action: Action) -> bool {
    match action {
        Action::View | Action::Download => true,
        Action::Excerpt => purpose == Purpose::OrganisationReport,
        Action::Publish => purpose == Purpose::TenantPublication && *audience == Audience::Public,
    }
}

/// The grant a read relies on, if any: live at `at`, for the purpose
/// asked (if one was), whose audience includes the viewer and whose
/// purpose allows the action. An anonymous grant counts only while the
/// story has an approved de-identified version to show. Among several,
/// the most specific audience wins (a board or organisation, then the
/// place, then the public), then the purposes' order, then the least
/// identifying attribution, then the earliest given.
pub fn choose<'a>(
    grants: &'a [Consent],
    viewer: &Viewer,
    ask: Ask,
    deidentified_approved: bool,
    at: NaiveDateTime,
) -> Option<&'a Consent> {
    grants
        .iter()
        .filter_map(|g| {
            let purpose = g.purpose()?;
            let audience = g.audience()?;
            let ok = g.live_at(at)
                && ask.purpose.is_none_or(|p| p == purpose)
                && allows(purpose, &audience, ask.action)
                && viewer.in_audience(&audience)
                && (g.attribution() != Attribution::Anonymous || deidentified_approved);
            ok.then_some((g, purpose, audience))
        })
        .min_by(|(a, ap, aa), (b, bp, ba)| {
            (aa.breadth(), *ap, a.attribution(), a.created_at, &a.id).cmp(&(
                ba.breadth(),
                *bp,
                b.attribution(),
                b.created_at,
                &b.id,
            ))
        })
        .map(|(g, _, _)| g)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::ids::{ConsentId, StoryId, TenantId, UserId};
    use chrono::{Duration, NaiveDate};
    use proptest::prelude::*;

    fn t0() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2027, 1, 1)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap()
    }

    fn grant(
        purpose: Purpose,
        audience: Audience,
        attribution: Attribution,
        created: i64,
        expires: i64,
        withdrawn: bool,
    ) -> Consent {
        Consent {
            tenant_id: TenantId::new(),
            id: ConsentId::new(),
            story_id: StoryId::new(),
            author_id: UserId::new(),
            purpose: purpose.as_str().into(),
            audience_kind: audience.kind().into(),
            audience_id: audience.id(),
            attribution: attribution.as_str().into(),
            status: if withdrawn { "withdrawn" } else { "given" }.into(),
            dpv_purpose: purpose.dpv().into(),
            legal_basis: "eu-gdpr:A6-1-a".into(),
            notice_version: "1".into(),
            expires_at: t0() + Duration::days(expires),
            created_at: t0() + Duration::days(created),
            withdrawn_at: None,
            request_id: None,
            renews_id: None,
            reminded_at: None,
        }
    }

    fn view() -> Ask {
        Ask {
            purpose: None,
            action: Action::View,
        }
    }

    #[test]
    fn stories_a_visitor_reads_only_public_grants() {
        let org = OrganisationId::new();
        let grants = vec![
            grant(
                Purpose::Research,
                Audience::Tenant,
                Attribution::Named,
                0,
                30,
                false,
            ),
            grant(
                Purpose::Media,
                Audience::Organisation(org.clone()),
                Attribution::Named,
                0,
                30,
                false,
            ),
        ];
        assert!(choose(&grants, &Viewer::visitor(), view(), true, t0()).is_none());
        let member = Viewer {
            signed_in: true,
            organisations: vec![org],
            boards: vec![],
        };
        let chosen = choose(&grants, &member, view(), true, t0()).unwrap();
        assert_eq!(
            chosen.purpose, "media",
            "the organisation's grant is the most specific"
        );
    }

    #[test]
    fn stories_expired_withdrawn_and_future_grants_never_count() {
        let everyone = Viewer {
            signed_in: true,
            ..Default::default()
        };
        for g in [
            grant(
                Purpose::Research,
                Audience::Public,
                Attribution::Named,
                -10,
                -1,
                false,
            ),
            grant(
                Purpose::Research,
                Audience::Public,
                Attribution::Named,
                -10,
                10,
                true,
            ),
            grant(
                Purpose::Research,
                Audience::Public,
                Attribution::Named,
                1,
                10,
                false,
            ),
            grant(
                Purpose::Research,
                Audience::Public,
                Attribution::Named,
                -10,
                0,
                false,
            ),
        ] {
            assert!(choose(&[g], &everyone, view(), true, t0()).is_none());
        }
    }

    #[test]
    fn stories_anonymous_needs_an_approved_deidentified_version() {
        let g = vec![grant(
            Purpose::Research,
            Audience::Public,
            Attribution::Anonymous,
            0,
            10,
            false,
        )];
        assert!(choose(&g, &Viewer::visitor(), view(), false, t0()).is_none());
        assert!(choose(&g, &Viewer::visitor(), view(), true, t0()).is_some());
    }

    #[test]
    fn stories_excerpts_need_organisation_report_and_publication_needs_public() {
        let g = vec![
            grant(
                Purpose::Research,
                Audience::Tenant,
                Attribution::Named,
                0,
                10,
                false,
            ),
            grant(
                Purpose::TenantPublication,
                Audience::Tenant,
                Attribution::Named,
                0,
                10,
                false,
            ),
        ];
        let v = Viewer {
            signed_in: true,
            ..Default::default()
        };
        let excerpt = Ask {
            purpose: None,
            action: Action::Excerpt,
        };
        let publish = Ask {
            purpose: None,
            action: Action::Publish,
        };
        assert!(choose(&g, &v, excerpt, true, t0()).is_none());
        assert!(choose(&g, &v, publish, true, t0()).is_none());
        let g = vec![
            grant(
                Purpose::OrganisationReport,
                Audience::Tenant,
                Attribution::FirstName,
                0,
                10,
                false,
            ),
            grant(
                Purpose::TenantPublication,
                Audience::Public,
                Attribution::Named,
                0,
                10,
                false,
            ),
        ];
        assert_eq!(
            choose(&g, &v, excerpt, true, t0()).unwrap().purpose,
            "organisation_report"
        );
        assert_eq!(
            choose(&g, &Viewer::visitor(), publish, true, t0())
                .unwrap()
                .purpose,
            "tenant_publication"
        );
    }

    #[test]
    fn stories_ties_prefer_the_least_identifying() {
        let g = vec![
            grant(
                Purpose::Research,
                Audience::Tenant,
                Attribution::Named,
                0,
                10,
                false,
            ),
            grant(
                Purpose::Research,
                Audience::Tenant,
                Attribution::FirstName,
                0,
                10,
                false,
            ),
        ];
        let v = Viewer {
            signed_in: true,
            ..Default::default()
        };
        assert_eq!(
            choose(&g, &v, view(), true, t0()).unwrap().attribution,
            "first_name"
        );
    }

    proptest! {
        /// A read is allowed if and only if some grant, by the plain
        /// statement of the rule, covers it; and the grant chosen is one
        /// of those.
        #[test]
        fn stories_plaintext_iff_a_live_grant_covers_it(
            specs in proptest::collection::vec(
                (0usize..7, 0usize..4, 0usize..3, -20i64..20, -20i64..40, any::<bool>(), 0usize..2, 0usize..2),
                0..6,
            ),
            signed_in in any::<bool>(),
            member_of in proptest::collection::vec(any::<bool>(), 2),
            on_boards in proptest::collection::vec(any::<bool>(), 2),
            asked in proptest::option::of(0usize..7),
            action in 0usize..4,
            deid in any::<bool>(),
            at in -25i64..45,
        ) {
            let orgs = [OrganisationId::new(), OrganisationId::new()];
            let boards = [uuid::Uuid::now_v7().to_string(), uuid::Uuid::now_v7().to_string()];
            let grants: Vec<Consent> = specs.iter().map(|&(p, a, attr, created, len, withdrawn, oi, bi)| {
                let audience = match a {
                    0 => Audience::Public,
                    1 => Audience::Tenant,
                    2 => Audience::Organisation(orgs[oi].clone()),
                    _ => Audience::Board(boards[bi].clone()),
                };
                grant(Purpose::ALL[p], audience, Attribution::ALL[attr], created, created + len, withdrawn)
            }).collect();
            let viewer = Viewer {
                signed_in,
                organisations: orgs.iter().zip(&member_of).filter(|(_, m)| **m).map(|(o, _)| o.clone()).collect(),
                boards: boards.iter().zip(&on_boards).filter(|(_, m)| **m).map(|(b, _)| b.clone()).collect(),
            };
            let ask = Ask {
                purpose: asked.map(|i| Purpose::ALL[i]),
                action: [Action::View, Action::Excerpt, Action::Download, Action::Publish][action],
            };
            let when = t0() + Duration::days(at);
            // The rule, said plainly.
            let covers = |g: &Consent| {
                let audience = g.audience().unwrap();
                let reaches = match &audience {
                    Audience::Public => true,
                    Audience::Tenant => signed_in,
                    Audience::Organisation(o) => signed_in && viewer.organisations.contains(o),
                    Audience::Board(b) => signed_in && viewer.boards.contains(b),
                };
                let purpose = g.purpose().unwrap();
                g.status == "given"
                    && g.created_at <= when
                    && when < g.expires_at
                    && reaches
                    && ask.purpose.is_none_or(|p| p == purpose)
                    && match ask.action {
                        Action::Excerpt => purpose == Purpose::OrganisationReport,
                        Action::Publish => purpose == Purpose::TenantPublication && audience == Audience::Public,
                        _ => true,
                    }
                    && (g.attribution != "anonymous" || deid)
            };
            let expected = grants.iter().any(covers);
            let chosen = choose(&grants, &viewer, ask, deid, when);
            prop_assert_eq!(chosen.is_some(), expected);
            if let Some(g) = chosen {
                prop_assert!(covers(g));
            }
        }
    }
}
