//! Seeds the demo place through the services, all or nothing.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::Duration;

use super::content::{self, Person, HOUSING, KITCHEN, NIGHT_SHELTER, SALVATION_ARMY};
use crate::accounts::password::{hash_blocking, Password};
use crate::accounts::service::{self as accounts, Provision, Provisioned};
use crate::accounts::{Role, User};
use crate::boards::model::{NewBoard, NewMember};
use crate::comments::model::{NewComment, Subject};
use crate::db::ids::{AreaId, BoardId, ConsentRequestId, OrganisationId, ProposalId};
use crate::db::{write_transaction, DbConn};
use crate::error::{Error, Result};
use crate::evaluation::model::Rating;
use crate::keys::KeyStore;
use crate::notifications::Mailing;
use crate::organisations::model::{MemberRole, NewOrganisation};
use crate::places::model::NewArea;
use crate::places::settings;
use crate::polls::model::NewPoll;
use crate::residency::model::Route;
use crate::stories::model::{ConsentsUpdate, Decision, GrantInput, NewConsentRequest, NewStory};
use crate::stories::service::Ctx;
use crate::tenancy::{service as tenancy, Hostname, Slug, Tenant};

/// The demo tenant's slug.
pub const DEMO_SLUG: &str = "coventry";
/// Every demo account's password: the demo is for trying things out on
/// your own machine, never for a server people use.
pub const DEMO_PASSWORD: &str = "three spires demo";
/// The demo admin's authenticator key (admin powers need a second
/// factor), published like the password: base32, for any authenticator
/// app or `oathtool --totp -b`.
pub const DEMO_ADMIN_TOTP_KEY: &str = "COVENTRYDEMOSPIRESCANALBASIN2345";

/// Where every demo account's email goes (a reserved domain: nothing is
/// ever delivered there).
pub const DEMO_DOMAIN: &str = "coventry.example";

/// What a run did.
pub struct Outcome {
    pub tenant: Tenant,
    pub hosts: Vec<String>,
    /// False when the place was already there and nothing changed.
    pub created: bool,
    /// Email, name and who they are, for each account.
    pub accounts: Vec<(String, &'static str, &'static str)>,
}

/// The demo's email address for a person.
pub fn email_of(key: &str) -> String {
    format!("{key}@{DEMO_DOMAIN}")
}

fn accounts_list() -> Vec<(String, &'static str, &'static str)> {
    content::PEOPLE
        .iter()
        .map(|p| (email_of(p.key), p.name, p.who))
        .collect()
}

/// Seeds the demo place, served at `hosts` (the first is where links in
/// its email point), unless it is there already. A tenant with the demo's
/// slug that the demo did not make is left alone and refused.
pub fn seed(
    conn: &mut DbConn,
    keys: &KeyStore,
    mailing: &Mailing,
    base_url: &str,
    hosts: &[Hostname],
) -> Result<Outcome> {
    let slug = Slug::parse(DEMO_SLUG).map_err(Error::Internal)?;
    if let Some(tenant) = tenancy::find_by_slug(conn, &slug)? {
        let admin = crate::mail::Email::parse(&email_of("priya")).map_err(Error::Internal)?;
        if accounts::find_by_email(conn, &tenant.id, &admin)?.is_none() {
            return Err(Error::conflict(
                "tenant_exists",
                format!("there is already a tenant `{DEMO_SLUG}` that the demo did not make; use another data folder or database"),
            ));
        }
        let hosts = tenancy::hosts_of(conn, &tenant.id)?;
        return Ok(Outcome {
            tenant,
            hosts,
            created: false,
            accounts: accounts_list(),
        });
    }
    // Hashing is slow on purpose: once, outside the transaction.
    let password =
        Password::parse_new(DEMO_PASSWORD, &[]).map_err(|e| Error::Internal(e.message))?;
    let hash = hash_blocking(&password)?;
    let tenant = write_transaction(conn, |conn| {
        let tenant = tenancy::create(conn, &slug, content::CITY, hosts)?;
        Seeder {
            conn,
            keys,
            mailing,
            base_url,
            tenant: &tenant,
            people: HashMap::new(),
            areas: HashMap::new(),
            organisations: HashMap::new(),
        }
        .run(&hash)?;
        Ok::<_, Error>(tenant)
    })?;
    Ok(Outcome {
        hosts: hosts.iter().map(|h| h.as_str().to_owned()).collect(),
        tenant,
        created: true,
        accounts: accounts_list(),
    })
}

/// The place being seeded and what is made so far, by name.
struct Seeder<'a> {
    conn: &'a mut DbConn,
    keys: &'a KeyStore,
    mailing: &'a Mailing,
    base_url: &'a str,
    tenant: &'a Tenant,
    people: HashMap<&'static str, User>,
    areas: HashMap<&'static str, AreaId>,
    organisations: HashMap<&'static str, OrganisationId>,
}

impl Seeder<'_> {
    fn run(mut self, hash: &str) -> Result<()> {
        self.people(hash)?;
        self.admin_second_factor()?;
        self.place_settings()?;
        self.areas()?;
        self.organisations()?;
        self.residents()?;
        self.assets()?;
        let board = self.board()?;
        self.proposals(&board)?;
        self.poll(&board)?;
        self.stories(&board)?;
        Ok(())
    }

    fn person(&self, key: &str) -> User {
        self.people[key].clone()
    }

    /// Reloads a person (their role or residency may have changed).
    fn fresh(&mut self, key: &str) -> Result<User> {
        let id = self.people[key].id.clone();
        accounts::find_user(self.conn, &self.tenant.id, &id)?.ok_or(Error::NotFound)
    }

    fn people(&mut self, hash: &str) -> Result<()> {
        for Person {
            key, name, role, ..
        } in content::PEOPLE
        {
            let account = Provision {
                email: crate::mail::Email::parse(&email_of(key)).map_err(Error::Internal)?,
                display_name: (*name).to_owned(),
                role: Role::parse(role).ok_or_else(|| Error::Internal(format!("role {role}")))?,
                platform_operator: false,
            };
            let user = match accounts::provision(
                self.conn,
                self.tenant,
                self.base_url,
                &account,
                Some(hash),
            )? {
                Provisioned::Created { user, .. } | Provisioned::RoleChanged { user, .. } => user,
            };
            self.people.insert(key, user);
        }
        Ok(())
    }

    fn admin_second_factor(&mut self) -> Result<()> {
        use crate::accounts::second_factor::TotpSecret;
        let secret = TotpSecret::from_base32(DEMO_ADMIN_TOTP_KEY)
            .map_err(|_| Error::Internal("the demo's authenticator key".into()))?;
        let admin = self.person("priya");
        accounts::enable_second_factor(self.conn, self.keys, &admin, &secret, 0, &[])?;
        let admin = self.fresh("priya")?;
        self.people.insert("priya", admin);
        Ok(())
    }

    /// A low support threshold, so the demo shows proposals moving on; and
    /// the ways to show you live here that need no postcode list.
    fn place_settings(&mut self) -> Result<()> {
        let now = settings::load(self.conn, self.tenant)?;
        let wanted = settings::Wanted {
            name: now.name,
            language: now.language,
            brand_colour: now.brand_colour,
            contact_email: Some(format!("accessibility@{DEMO_DOMAIN}")),
            mail_sender_name: now.mail_sender_name,
            mail_sender_address: now.mail_sender_address,
            residency_routes: [Route::Vouching, Route::Manual]
                .iter()
                .map(|r| r.as_str().to_owned())
                .collect(),
            support_threshold: "3".into(),
            open_data_licence: now.open_data_licence,
        };
        settings::save(self.conn, self.tenant, &self.person("priya").id, &wanted)?;
        Ok(())
    }

    fn areas(&mut self) -> Result<()> {
        let by = self.person("priya").id;
        let city = crate::places::service::create(
            self.conn,
            &self.tenant.id,
            Some(&by),
            &NewArea {
                name: content::CITY.into(),
                kind: Some("city".into()),
                ..Default::default()
            },
        )?;
        for (name, description) in content::WARDS {
            let ward = crate::places::service::create(
                self.conn,
                &self.tenant.id,
                Some(&by),
                &NewArea {
                    name: (*name).into(),
                    parent_id: Some(city.id.to_string()),
                    kind: Some("ward".into()),
                    description: Some((*description).into()),
                    ..Default::default()
                },
            )?;
            self.areas.insert(name, ward.id);
        }
        Ok(())
    }

    fn area(&self, ward: &str) -> Option<String> {
        self.areas.get(ward).map(ToString::to_string)
    }

    fn organisations(&mut self) -> Result<()> {
        use crate::organisations::service as organisations;
        let admin = self.person("priya");
        for org in content::ORGANISATIONS {
            let creator = self.person(org.admin);
            let made = organisations::create(
                self.conn,
                &self.tenant.id,
                &creator,
                &NewOrganisation {
                    name: org.name.into(),
                    kind: org.kind.into(),
                    description: Some(org.description.into()),
                    website: org.website.map(Into::into),
                    areas_served: Some(org.serves.into()),
                },
            )?;
            organisations::set_verified(self.conn, &self.tenant.id, &admin, &made.id, true)?;
            self.organisations.insert(org.name, made.id);
        }
        // Frontline staff too: a volunteer at the shelter, a tenant at the kitchen.
        for (org, person) in [(NIGHT_SHELTER, "jo"), (KITCHEN, "sam")] {
            let admin_of = content::ORGANISATIONS
                .iter()
                .find(|o| o.name == org)
                .map(|o| self.person(o.admin))
                .ok_or(Error::NotFound)?;
            let person = self.person(person).id;
            organisations::add_member(
                self.conn,
                &self.tenant.id,
                &admin_of,
                &self.organisations[org],
                &person,
                MemberRole::Member,
            )?;
        }
        Ok(())
    }

    /// Citizens approved by the council; people without a fixed address
    /// vouched for by the organisations that know them.
    fn residents(&mut self) -> Result<()> {
        use crate::residency::service as residency;
        let admin = self.person("priya");
        for key in ["jo", "sam", "leah", "daniel"] {
            let person = self.person(key);
            residency::request_approval(self.conn, &self.tenant.id, &person, Some("I live here."))?;
            residency::decide(self.conn, self.tenant, &admin, &person.id, true, None)?;
        }
        for (key, org, staff) in [
            ("kev", SALVATION_ARMY, "grace"),
            ("dee", NIGHT_SHELTER, "tom"),
        ] {
            let staff = self.person(staff);
            let code = residency::issue_code(
                self.conn,
                &self.tenant.id,
                &staff,
                &self.organisations[org],
                Some(30),
            )?;
            let person = self.person(key);
            residency::verify_by_code(self.conn, &self.tenant.id, &person, &code.code)?;
        }
        Ok(())
    }

    fn assets(&mut self) -> Result<()> {
        for a in content::ASSETS {
            let by = self.person(a.by);
            crate::assets::service::create(
                self.conn,
                &self.tenant.id,
                &by,
                &crate::assets::model::NewAsset {
                    name: a.name.into(),
                    kind: a.kind.into(),
                    description: a.description.into(),
                    area_id: self.area(a.ward),
                    organisation_id: a.organisation.map(|o| self.organisations[o].to_string()),
                    availability: a.availability.map(Into::into),
                    contactable: Some(true),
                },
            )?;
        }
        Ok(())
    }

    /// The co-design board on night-shelter intake: people who use the
    /// shelter and the organisations that run it, as equals.
    fn board(&mut self) -> Result<BoardId> {
        use crate::boards::service as boards;
        let facilitator = self.person("priya");
        let board = boards::create(
            self.conn,
            &self.tenant.id,
            &facilitator,
            &NewBoard {
                title: "Night shelter intake: how people get a bed".into(),
                description: "People who have used the shelter and the organisations that run it redesign how someone gets a bed for the night.\n\nWe start from what guests tell us, and every decision is voted on by both sides equally.".into(),
                service_area: "Winter night shelter, St Michael's".into(),
                phase: Some("develop".into()),
                visibility: Some("public".into()),
            },
        )?;
        for key in ["kev", "dee", "daniel"] {
            let person = self.person(key).id.to_string();
            boards::add_member(
                self.conn,
                self.tenant,
                &facilitator,
                &board.id,
                &NewMember {
                    user_id: Some(person),
                    ..Default::default()
                },
            )?;
        }
        for org in [SALVATION_ARMY, NIGHT_SHELTER, HOUSING] {
            boards::add_member(
                self.conn,
                self.tenant,
                &facilitator,
                &board.id,
                &NewMember {
                    organisation_id: Some(self.organisations[org].to_string()),
                    ..Default::default()
                },
            )?;
        }
        self.comment(
            &facilitator,
            Subject::Board(board.id.clone()),
            "Notes from the first workshop: guests want to know by the afternoon where they will sleep. Volunteers want to know who is coming.",
        )?;
        Ok(board.id)
    }

    fn comment(&mut self, author: &User, subject: Subject, body: &str) -> Result<()> {
        let new = NewComment {
            body: body.into(),
            ..Default::default()
        };
        crate::comments::service::create(
            self.conn,
            self.mailing,
            &self.tenant.id,
            author,
            &subject,
            &new,
        )?;
        Ok(())
    }

    fn proposals(&mut self, board: &BoardId) -> Result<()> {
        use crate::proposals::service as proposals;
        let admin = self.person("priya");
        // Supporters: residents of the place (authors do not support their own).
        let supporters = ["jo", "sam", "leah", "daniel", "kev", "dee"];
        for p in content::PROPOSALS {
            let author = self.fresh(p.author)?;
            let made = proposals::create(
                self.conn,
                &self.tenant.id,
                &author,
                &crate::proposals::model::NewProposal {
                    title: p.title.into(),
                    body: p.body.into(),
                    intended_outcome: p.outcome.into(),
                    area_id: self.area(p.ward),
                    tags: Some(p.tags.iter().map(|t| (*t).to_owned()).collect()),
                    draft: Some(p.status == "draft"),
                },
            )?;
            if p.status == "draft" {
                continue;
            }
            for key in supporters.iter().filter(|k| **k != p.author) {
                let person = self.fresh(key)?;
                proposals::support(self.conn, &self.tenant.id, &person, &made.id)?;
            }
            for (who, body) in p.comments {
                let person = self.person(who);
                self.comment(&person, Subject::Proposal(made.id.clone()), body)?;
            }
            if p.status == "in_codesign" {
                let link = crate::boards::model::NewLink {
                    proposal_id: Some(made.id.to_string()),
                    asset_id: None,
                };
                crate::boards::service::link(self.conn, &self.tenant.id, &admin, board, &link)?;
            }
            self.move_along(&made.id, p)?;
        }
        Ok(())
    }

    /// Moves a published proposal along the lifecycle to where it ends,
    /// rating it while its evaluation is open.
    fn move_along(&mut self, id: &ProposalId, p: &content::ProposalSeed) -> Result<()> {
        use crate::proposals::service as proposals;
        let admin = self.person("priya");
        let path: &[&str] = match p.status {
            "in_codesign" => &["in_codesign"],
            "accepted" => &["in_codesign", "accepted"],
            "not_taken_forward" => &["in_codesign", "not_taken_forward"],
            "in_delivery" => &["in_codesign", "accepted", "in_delivery"],
            "delivered" => &["in_codesign", "accepted", "in_delivery", "delivered"],
            "evaluated" => &[
                "in_codesign",
                "accepted",
                "in_delivery",
                "delivered",
                "evaluated",
            ],
            _ => &[],
        };
        for (i, to) in path.iter().enumerate() {
            if *to == "evaluated" {
                self.rate(id)?;
            }
            let reason = if i + 1 == path.len() { p.reason } else { None };
            proposals::change_status(
                self.conn,
                self.mailing,
                &self.tenant.id,
                &admin,
                id,
                to,
                reason,
            )?;
        }
        Ok(())
    }

    fn rate(&mut self, id: &ProposalId) -> Result<()> {
        let ratings = [
            ("jo", 5, Some("I see new faces at breakfast every week.")),
            ("sam", 4, None),
            (
                "dee",
                5,
                Some("I came for breakfast before I was ready to ask for help. Then I asked."),
            ),
            ("daniel", 3, Some("Good, but it gets crowded by 9.")),
        ];
        for (key, value, comment) in ratings {
            let person = self.fresh(key)?;
            crate::evaluation::service::rate(
                self.conn,
                &self.tenant.id,
                &person,
                id,
                &Rating {
                    value,
                    comment: comment.map(Into::into),
                    show_name: key != "dee",
                },
            )?;
        }
        Ok(())
    }

    /// A parity poll (people and organisations count equally), voted and
    /// closed, so the board shows its results.
    fn poll(&mut self, board: &BoardId) -> Result<()> {
        use crate::polls::service as polls;
        let facilitator = self.person("priya");
        let poll = polls::create(
            self.conn,
            &self.tenant.id,
            &facilitator,
            board,
            &NewPoll {
                question: "Should people be able to ask for a shelter bed by phone, text or at the drop-in before 6pm?".into(),
                details: Some("Today guests queue at the door at 7pm. This would tell them by 6pm where their bed is tonight. People who have used the shelter and organisations count equally.".into()),
                method: "approval".into(),
                rule: "parity".into(),
                closes_at: Some(chrono::Utc::now() + Duration::days(7)),
                ..Default::default()
            },
        )?;
        let votes = [
            ("kev", "yes"),
            ("dee", "yes"),
            ("daniel", "no"),
            ("grace", "yes"),
            ("tom", "yes"),
            ("jo", "abstain"),
            ("marcus", "no"),
        ];
        for (key, choice) in votes {
            let voter = self.fresh(key)?;
            polls::cast(
                self.conn,
                &self.tenant.id,
                &voter,
                &poll.id,
                &serde_json::json!({ "choice": choice }),
            )?;
        }
        polls::close(self.conn, &self.tenant.id, &facilitator, &poll.id)?;
        Ok(())
    }

    /// Stories with different consents: shared with the board by name;
    /// anonymously, then by first name in a report after a request; read
    /// by the place with a request still waiting; kept private.
    fn stories(&mut self, board: &BoardId) -> Result<()> {
        use crate::stories::service as stories;
        let ctx = Ctx {
            tenant: self.tenant,
            keys: self.keys,
            base_url: self.base_url,
        };
        let mut made = HashMap::new();
        for s in content::STORIES {
            let author = self.fresh(s.author)?;
            let story = stories::create(
                self.conn,
                self.keys,
                &self.tenant.id,
                &author,
                &NewStory {
                    title: s.title.into(),
                    body: s.body.into(),
                    area_id: self.area(s.ward),
                    board_id: s.on_board.then(|| board.to_string()),
                    special_category: Some(s.special_category),
                },
            )?;
            if let Some((title, body)) = s.deidentified {
                let version = crate::stories::model::Deidentified {
                    title: title.into(),
                    body: body.into(),
                    approved: true,
                };
                stories::set_deidentified(
                    self.conn,
                    self.keys,
                    &self.tenant.id,
                    &author,
                    &story.id,
                    &version,
                )?;
            }
            made.insert(s.author, story.id);
        }
        let grant = |purpose: &str, audience: String, attribution: &str| GrantInput {
            purpose: purpose.into(),
            audience,
            attribution: attribution.into(),
            expires_at: None,
        };
        let board_audience = format!("board:{board}");
        // Kev: the board may learn from it, with his name.
        let kev = self.fresh("kev")?;
        stories::set_consents(
            self.conn,
            &ctx,
            &kev,
            &made["kev"],
            &ConsentsUpdate {
                grants: vec![grant("board_learning", board_audience.clone(), "named")],
            },
        )?;
        // Dee: the board anonymously; then the Salvation Army asks to use it
        // in its report, and she agrees with her first name only.
        let dee = self.fresh("dee")?;
        stories::set_consents(
            self.conn,
            &ctx,
            &dee,
            &made["dee"],
            &ConsentsUpdate {
                grants: vec![grant("board_learning", board_audience, "anonymous")],
            },
        )?;
        let army = self.organisations[SALVATION_ARMY].to_string();
        let grace = self.fresh("grace")?;
        let asked = stories::request(self.conn, self.tenant, self.base_url, &grace, &made["dee"], &NewConsentRequest {
            purpose: Some("organisation_report".into()),
            audience: format!("organisation:{army}"),
            attribution: Some("named".into()),
            duration_months: Some(12),
            message: "We would like to quote your story in our annual report to funders, to show why the drop-in matters.".into(),
            organisation_id: Some(army),
            ..Default::default()
        })?;
        let request = ConsentRequestId::from_str(&asked.id)
            .map_err(|_| Error::Internal("request id".into()))?;
        stories::decide(
            self.conn,
            &ctx,
            &dee,
            &request,
            &Decision {
                decision: "grant".into(),
                attribution: Some("first_name".into()),
                ..Default::default()
            },
        )?;
        // Jo: people of the place may read it, without her name.
        let jo = self.fresh("jo")?;
        stories::set_consents(
            self.conn,
            &ctx,
            &jo,
            &made["jo"],
            &ConsentsUpdate {
                grants: vec![grant("tenant_publication", "tenant".into(), "anonymous")],
            },
        )?;
        // The Troubled Families programme asks Jo for more, and waits for
        // her answer. Leah's story stays hers alone: no consents at all.
        let hannah = self.fresh("hannah")?;
        let families = self.organisations[content::TROUBLED_FAMILIES].to_string();
        stories::request(self.conn, self.tenant, self.base_url, &hannah, &made["jo"], &NewConsentRequest {
            purpose: Some("training".into()),
            audience: format!("organisation:{families}"),
            attribution: Some("anonymous".into()),
            duration_months: Some(6),
            message: "We train new keyworkers and volunteers. Could we read your story to them, without your name?".into(),
            organisation_id: Some(families),
            ..Default::default()
        })?;
        Ok(())
    }
}
