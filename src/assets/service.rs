//! The rules of the asset map: who may register, change and withdraw an
//! asset, how it is found, and how a message reaches its owner without
//! their address being shown.

use chrono::{Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::emails;
use super::model::*;
use crate::accounts::authz::{self, Permission};
use crate::accounts::{service as accounts, User};
use crate::audit::{self, Event};
use crate::db::ids::{AreaId, AssetId, AssetMessageId, OrganisationId, TenantId, UserId};
use crate::db::schema::{asset_messages, assets};
use crate::db::{write_transaction, DbConn};
use crate::error::{Error, FieldError, Problems, Result, Words};
use crate::http::pagination::Paging;
use crate::mail::Email;
use crate::organisations::{service as organisations, MemberRole};
use crate::places::service as places;
use crate::tenancy::Tenant;

/// How many messages one person may send to owners in [`MESSAGE_WINDOW`].
pub const MESSAGES_PER_WINDOW: i64 = 10;
/// The window of the message limit.
pub const MESSAGE_WINDOW: Duration = Duration::hours(1);

fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// An asset of this place, withdrawn or not (for the rules below; others
/// use [`find_visible`] or [`view`]).
pub fn find(conn: &mut DbConn, tenant: &TenantId, id: &AssetId) -> Result<Option<Asset>> {
    Ok(assets::table
        .find((tenant, id))
        .select(Asset::as_select())
        .first(conn)
        .optional()?)
}

/// An asset anyone may see (of this place, not withdrawn), as other rooms
/// link to it: proposals and boards name the strengths they build on.
pub fn find_visible(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &AssetId,
) -> Result<Option<AssetSummary>> {
    Ok(find(conn, tenant, id)?
        .filter(|a| !a.withdrawn())
        .map(|a| AssetSummary::from(&a)))
}

/// Whether `user` may edit or withdraw the asset: the person who offers a
/// personal asset; for an organisation's, its admins, and the member who
/// registered it while they remain a member.
pub fn may_manage(conn: &mut DbConn, asset: &Asset, user: &User) -> Result<bool> {
    if user.tenant_id != asset.tenant_id {
        return Ok(false);
    }
    let registered_it = asset.owner_id.as_ref() == Some(&user.id);
    match &asset.organisation_id {
        None => Ok(registered_it),
        Some(org) => Ok(
            match organisations::membership(conn, &asset.tenant_id, org, &user.id)? {
                Some(MemberRole::Admin) => true,
                Some(MemberRole::Member) => registered_it,
                None => false,
            },
        ),
    }
}

/// An asset as `viewer` may see it: `None` when it is not of this place,
/// or withdrawn and the viewer is not one of its owners.
pub fn view(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &AssetId,
    viewer: Option<&User>,
) -> Result<Option<AssetView>> {
    let Some(asset) = find(conn, tenant, id)? else {
        return Ok(None);
    };
    let yours = match viewer {
        Some(v) => may_manage(conn, &asset, v)?,
        None => false,
    };
    if asset.withdrawn() && !yours {
        return Ok(None);
    }
    Ok(Some(present(conn, &asset, viewer, yours)?))
}

/// The view of a stored asset, with the names of its area, organisation
/// and (as their profile allows) owner.
fn present(
    conn: &mut DbConn,
    asset: &Asset,
    viewer: Option<&User>,
    yours: bool,
) -> Result<AssetView> {
    let tenant = &asset.tenant_id;
    let area_name = match &asset.area_id {
        Some(area) => places::find(conn, tenant, area)?.map(|a| a.name),
        None => None,
    };
    let organisation_name = match &asset.organisation_id {
        Some(org) => organisations::find(conn, tenant, org)?.map(|o| o.name),
        None => None,
    };
    // A personal asset names its owner; an organisation's names only the
    // organisation.
    let owner = asset
        .owner_id
        .as_ref()
        .filter(|_| asset.organisation_id.is_none());
    let owner_name = match owner {
        Some(owner) => crate::profiles::service::view(conn, tenant, owner, viewer)?
            .and_then(|p| p.display_name),
        None => None,
    };
    Ok(AssetView {
        id: asset.id.to_string(),
        name: asset.name.clone(),
        kind: asset.kind().as_str().to_owned(),
        description: asset.description.clone(),
        area_id: asset.area_id.as_ref().map(ToString::to_string),
        area_name,
        organisation_id: asset.organisation_id.as_ref().map(ToString::to_string),
        organisation_name,
        owner_id: owner.map(ToString::to_string),
        owner_name,
        availability: asset.availability.clone(),
        contactable: asset.contactable,
        withdrawn: asset.withdrawn(),
        yours,
        created_at: asset.created_at,
        updated_at: asset.updated_at,
    })
}

/// Views of several assets for one viewer.
pub fn present_all(
    conn: &mut DbConn,
    list: &[Asset],
    viewer: Option<&User>,
) -> Result<Vec<AssetView>> {
    list.iter()
        .map(|a| {
            let yours = match viewer {
                Some(v) => may_manage(conn, a, v)?,
                None => false,
            };
            present(conn, a, viewer, yours)
        })
        .collect()
}

fn unknown_area() -> FieldError {
    FieldError::new("area_id", "unknown", Words::of("assets-error-area-unknown"))
}

/// Reads an area id sent by a client: empty means none; anything else must
/// be an area of this place (another place's is unknown, like nonsense).
fn resolve_area(
    conn: &mut DbConn,
    tenant: &TenantId,
    raw: Option<&str>,
) -> Result<Result<Option<AreaId>, FieldError>> {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(Ok(None));
    };
    let Ok(id) = raw.parse::<AreaId>() else {
        return Ok(Err(unknown_area()));
    };
    Ok(match places::find(conn, tenant, &id)? {
        Some(_) => Ok(Some(id)),
        None => Err(unknown_area()),
    })
}

/// Registers an asset for its creator, or for an organisation they are a
/// member of (any member may). Needs a confirmed email address.
pub fn create(
    conn: &mut DbConn,
    tenant: &TenantId,
    creator: &User,
    new: &NewAsset,
) -> Result<Asset> {
    authz::require(creator, Permission::Participate)?;
    write_transaction(conn, |conn| {
        let mut problems = Problems::default();
        let fields = Fields::check(
            &mut problems,
            &new.name,
            &new.kind,
            &new.description,
            new.availability.as_deref(),
        );
        let area = problems.check(
            "area_id",
            resolve_area(conn, tenant, new.area_id.as_deref())?,
        );
        let organisation = match new
            .organisation_id
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
        {
            None => Some(None),
            Some(raw) => {
                let found = match raw.parse::<OrganisationId>() {
                    Ok(id) => organisations::find(conn, tenant, &id)?,
                    Err(_) => None,
                };
                if found.is_none() {
                    problems.add(
                        "organisation_id",
                        "unknown",
                        Words::of("assets-error-organisation-unknown"),
                    );
                }
                found.map(|o| Some(o.id))
            }
        };
        problems.into_result()?;
        let (Some(fields), Some(area), Some(organisation)) = (fields, area, organisation) else {
            return Err(Error::Internal("a checked asset lost a field".into()));
        };
        if let Some(org) = &organisation {
            if organisations::membership(conn, tenant, org, &creator.id)?.is_none() {
                tracing::warn!(user = %creator.id, organisation = %org, "not a member of the organisation");
                return Err(Error::Forbidden(
                    Words::of("assets-error-organisation-members").into(),
                ));
            }
        }
        let at = now();
        let asset = Asset {
            tenant_id: tenant.clone(),
            id: AssetId::new(),
            search_text: fields.search_text(),
            name: fields.name,
            kind: fields.kind.as_str().to_owned(),
            description: fields.description,
            area_id: area,
            organisation_id: organisation,
            owner_id: Some(creator.id.clone()),
            availability: fields.availability,
            contactable: new.contactable.unwrap_or(true),
            withdrawn_at: None,
            created_at: at,
            updated_at: at,
        };
        diesel::insert_into(assets::table)
            .values(&asset)
            .execute(conn)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::AssetRegistered)
                .by(&creator.id)
                .detail(json!({"asset": asset.id, "organisation": asset.organisation_id})),
        )?;
        Ok(asset)
    })
}

/// The asset, if `actor` may change it: another place's, a missing one
/// and a withdrawn one they do not own are not found; someone else's is
/// forbidden.
fn require_manager(
    conn: &mut DbConn,
    tenant: &TenantId,
    id: &AssetId,
    actor: &User,
) -> Result<Asset> {
    let asset = find(conn, tenant, id)?.ok_or(Error::NotFound)?;
    if !may_manage(conn, &asset, actor)? {
        if asset.withdrawn() {
            return Err(Error::NotFound);
        }
        tracing::warn!(user = %actor.id, asset = %id, "not an owner of the asset");
        return Err(Error::Forbidden(
            Words::of("assets-error-owners-only").into(),
        ));
    }
    Ok(asset)
}

fn withdrawn() -> Error {
    Error::conflict("asset_withdrawn", Words::of("assets-error-withdrawn"))
}

/// Changes an asset (its owners only; a withdrawn one stays as it was).
pub fn update(
    conn: &mut DbConn,
    tenant: &TenantId,
    actor: &User,
    id: &AssetId,
    changes: &AssetChanges,
) -> Result<Asset> {
    write_transaction(conn, |conn| {
        let current = require_manager(conn, tenant, id, actor)?;
        if current.withdrawn() {
            return Err(withdrawn());
        }
        let mut problems = Problems::default();
        let availability = match &changes.availability {
            Some(a) => Some(a.as_str()),
            None => current.availability.as_deref(),
        };
        let fields = Fields::check(
            &mut problems,
            changes.name.as_deref().unwrap_or(&current.name),
            changes.kind.as_deref().unwrap_or(&current.kind),
            changes
                .description
                .as_deref()
                .unwrap_or(&current.description),
            availability,
        );
        let area = match &changes.area_id {
            Some(raw) => problems.check("area_id", resolve_area(conn, tenant, raw.as_deref())?),
            None => Some(current.area_id.clone()),
        };
        problems.into_result()?;
        let (Some(fields), Some(area)) = (fields, area) else {
            return Err(Error::Internal("a checked asset lost a field".into()));
        };
        diesel::update(assets::table.find((tenant, id)))
            .set((
                assets::search_text.eq(fields.search_text()),
                assets::name.eq(&fields.name),
                assets::kind.eq(fields.kind.as_str()),
                assets::description.eq(&fields.description),
                assets::availability.eq(&fields.availability),
                assets::area_id.eq(&area),
                assets::contactable.eq(changes.contactable.unwrap_or(current.contactable)),
                assets::updated_at.eq(now()),
            ))
            .execute(conn)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::AssetChanged)
                .by(&actor.id)
                .detail(json!({"asset": id})),
        )?;
        find(conn, tenant, id)?.ok_or(Error::NotFound)
    })
}

/// Withdraws an asset (its owners only): it leaves every list, and its
/// page is found only by its owners. Withdrawing twice changes nothing.
pub fn withdraw(conn: &mut DbConn, tenant: &TenantId, actor: &User, id: &AssetId) -> Result<()> {
    write_transaction(conn, |conn| {
        let current = require_manager(conn, tenant, id, actor)?;
        if current.withdrawn() {
            return Ok(());
        }
        diesel::update(assets::table.find((tenant, id)))
            .set((
                assets::withdrawn_at.eq(Some(now())),
                assets::updated_at.eq(now()),
            ))
            .execute(conn)?;
        audit::service::record(
            conn,
            tenant,
            Event::new(audit::Kind::AssetWithdrawn)
                .by(&actor.id)
                .detail(json!({"asset": id})),
        )
    })
}

/// What a list of assets is narrowed to.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// This area and every area inside it.
    pub area: Option<AreaId>,
    pub kind: Option<AssetKind>,
    /// Part of the name, description or availability, in any case.
    pub text: Option<String>,
}

/// The ids of an area and of every area inside it, at any depth; empty
/// when the area is not of this place.
pub fn area_and_inside(conn: &mut DbConn, tenant: &TenantId, area: &AreaId) -> Result<Vec<AreaId>> {
    let all = places::all(conn, tenant)?;
    if !all.iter().any(|a| &a.id == area) {
        return Ok(Vec::new());
    }
    let mut found = vec![area.clone()];
    let mut next = 0;
    // Breadth first; a tree of hundreds of areas.
    while next < found.len() {
        let parent = found[next].clone();
        found.extend(
            all.iter()
                .filter(|a| a.parent_id.as_ref() == Some(&parent))
                .map(|a| a.id.clone()),
        );
        next += 1;
    }
    Ok(found)
}

/// Assets anyone may see (not withdrawn), newest first, a page at a time.
/// An area of another place is a field error.
pub fn list(
    conn: &mut DbConn,
    tenant: &TenantId,
    filter: &Filter,
    paging: Paging,
) -> Result<(Vec<Asset>, i64)> {
    let areas = match &filter.area {
        Some(area) => {
            let inside = area_and_inside(conn, tenant, area)?;
            if inside.is_empty() {
                return Err(Error::Validation(vec![unknown_area()]));
            }
            Some(inside)
        }
        None => None,
    };
    let text = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| crate::db::contains_pattern(&t.to_lowercase()));
    let filtered = || {
        let mut query = assets::table
            .filter(assets::tenant_id.eq(tenant))
            .filter(assets::withdrawn_at.is_null())
            .into_boxed();
        if let Some(areas) = &areas {
            query = query.filter(assets::area_id.eq_any(areas.clone()));
        }
        if let Some(kind) = filter.kind {
            query = query.filter(assets::kind.eq(kind.as_str()));
        }
        if let Some(pattern) = &text {
            query = query.filter(assets::search_text.like(pattern.clone()).escape('\\'));
        }
        query
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((assets::created_at.desc(), assets::id.desc()))
        .offset(paging.offset())
        .limit(paging.limit())
        .select(Asset::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// The organisations offering assets in these areas.
pub fn organisations_with_assets_in(
    conn: &mut DbConn,
    tenant: &TenantId,
    areas: &[AreaId],
) -> Result<Vec<OrganisationId>> {
    let mut found: Vec<OrganisationId> = assets::table
        .filter(assets::tenant_id.eq(tenant))
        .filter(assets::withdrawn_at.is_null())
        .filter(assets::area_id.eq_any(areas.to_vec()))
        .filter(assets::organisation_id.is_not_null())
        .select(assets::organisation_id.assume_not_null())
        .distinct()
        .load(conn)?;
    found.sort();
    Ok(found)
}

/// What became of a message to an owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relayed {
    /// How many people got it (an organisation's admins are several).
    pub recipients: usize,
    /// Whether they can reply: the sender shared their address.
    pub can_reply: bool,
}

/// Relays a message from a signed-in person with a confirmed address to
/// the owner of an asset (an organisation's admins for its assets) by
/// email, without showing the owner's address. The sender's address goes
/// with it, as Reply-To, only when they chose to share it. At most
/// [`MESSAGES_PER_WINDOW`] an hour per sender; the audit log records who
/// wrote about which asset, never what.
pub fn contact(
    conn: &mut DbConn,
    tenant: &Tenant,
    base_url: &str,
    sender: &User,
    id: &AssetId,
    message: &str,
    share_email: bool,
) -> Result<Relayed> {
    let tenant_id = &tenant.id;
    authz::require(sender, Permission::Participate)?;
    write_transaction(conn, |conn| {
        let asset = find(conn, tenant_id, id)?
            .filter(|a| !a.withdrawn())
            .ok_or(Error::NotFound)?;
        let mut problems = Problems::default();
        let message = check_message(&mut problems, message);
        problems.into_result()?;
        if !asset.contactable {
            return Err(not_contactable());
        }
        wait_for_limit(conn, tenant_id, &sender.id)?;
        let recipients = recipients(conn, &asset)?;
        if recipients.is_empty() {
            return Err(not_contactable());
        }
        let reply_to = if share_email {
            Some(Email::parse(&sender.email).map_err(Error::Internal)?)
        } else {
            None
        };
        let organisation = match &asset.organisation_id {
            Some(org) => organisations::find(conn, tenant_id, org)?.map(|o| o.name),
            None => None,
        };
        for recipient in &recipients {
            let email = emails::relayed(
                tenant,
                base_url,
                recipient,
                sender,
                &asset,
                organisation.as_deref(),
                &message,
                reply_to.is_some(),
            )?;
            match &reply_to {
                Some(address) => {
                    crate::mail::service::queue_with_reply_to(conn, tenant_id, email, address)?
                }
                None => crate::mail::queue(conn, tenant_id, email)?,
            };
        }
        diesel::insert_into(asset_messages::table)
            .values((
                asset_messages::tenant_id.eq(tenant_id),
                asset_messages::id.eq(AssetMessageId::new()),
                asset_messages::asset_id.eq(id),
                asset_messages::sender_id.eq(&sender.id),
                asset_messages::sent_at.eq(now()),
            ))
            .execute(conn)?;
        let mut event = Event::new(audit::Kind::AssetContacted)
            .by(&sender.id)
            .detail(json!({"asset": id, "shared_email": share_email}));
        if let (None, Some(owner)) = (&asset.organisation_id, &asset.owner_id) {
            event = event.about(owner);
        }
        audit::service::record(conn, tenant_id, event)?;
        Ok(Relayed {
            recipients: recipients.len(),
            can_reply: reply_to.is_some(),
        })
    })
}

/// The owner takes no messages through the site.
pub fn not_contactable() -> Error {
    Error::conflict("not_contactable", Words::of("assets-error-not-contactable"))
}

/// Refuses a sender who has reached the limit, saying how long until the
/// oldest of their messages in the window no longer counts.
fn wait_for_limit(conn: &mut DbConn, tenant: &TenantId, sender: &UserId) -> Result<()> {
    let since = now() - MESSAGE_WINDOW;
    let recent: Vec<NaiveDateTime> = asset_messages::table
        .filter(asset_messages::tenant_id.eq(tenant))
        .filter(asset_messages::sender_id.eq(sender))
        .filter(asset_messages::sent_at.gt(since))
        .order(asset_messages::sent_at.desc())
        .select(asset_messages::sent_at)
        .limit(MESSAGES_PER_WINDOW)
        .load(conn)?;
    if (recent.len() as i64) < MESSAGES_PER_WINDOW {
        return Ok(());
    }
    let oldest = recent.last().copied().unwrap_or(since);
    let wait = (oldest + MESSAGE_WINDOW - now()).num_seconds().max(1);
    tracing::warn!(user = %sender, "asset message limit reached");
    Err(Error::RateLimited {
        retry_after: u64::try_from(wait).unwrap_or(1),
    })
}

/// Who receives messages about an asset: its owner, or the admins of its
/// organisation.
fn recipients(conn: &mut DbConn, asset: &Asset) -> Result<Vec<User>> {
    let tenant = &asset.tenant_id;
    let ids: Vec<UserId> = match (&asset.organisation_id, &asset.owner_id) {
        (Some(org), _) => {
            let mut admins = Vec::new();
            for m in organisations::members(conn, tenant, org, None)? {
                if m.role == MemberRole::Admin.as_str() {
                    admins.push(
                        m.user_id
                            .parse()
                            .map_err(|_| Error::Internal("a stored member id".into()))?,
                    );
                }
            }
            admins
        }
        (None, Some(owner)) => vec![owner.clone()],
        (None, None) => Vec::new(),
    };
    let mut users = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(user) = accounts::find_user(conn, tenant, &id)? {
            users.push(user);
        }
    }
    Ok(users)
}

/// Assets a person registered (withdrawn ones too), for their data export.
pub fn registered_by(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<Vec<Asset>> {
    Ok(assets::table
        .filter(assets::tenant_id.eq(tenant))
        .filter(assets::owner_id.eq(person))
        .order((assets::created_at.asc(), assets::id.asc()))
        .select(Asset::as_select())
        .load(conn)?)
}

/// When a person wrote to which asset's owner, for their data export.
pub fn messages_sent(
    conn: &mut DbConn,
    tenant: &TenantId,
    person: &UserId,
) -> Result<Vec<(AssetId, NaiveDateTime)>> {
    Ok(asset_messages::table
        .filter(asset_messages::tenant_id.eq(tenant))
        .filter(asset_messages::sender_id.eq(person))
        .order(asset_messages::sent_at.asc())
        .select((asset_messages::asset_id, asset_messages::sent_at))
        .load(conn)?)
}

/// Erases a person's part in the asset map, inside the caller's
/// transaction: their personal assets go (with the record of messages
/// about them); an organisation's assets they registered stay with the
/// organisation, without them; the record of messages they sent goes, and
/// their address is no longer the reply address of any email.
pub fn erase_person(conn: &mut DbConn, tenant: &TenantId, person: &UserId) -> Result<()> {
    diesel::delete(
        asset_messages::table
            .filter(asset_messages::tenant_id.eq(tenant))
            .filter(asset_messages::sender_id.eq(person)),
    )
    .execute(conn)?;
    diesel::delete(
        assets::table
            .filter(assets::tenant_id.eq(tenant))
            .filter(assets::owner_id.eq(person))
            .filter(assets::organisation_id.is_null()),
    )
    .execute(conn)?;
    diesel::update(
        assets::table
            .filter(assets::tenant_id.eq(tenant))
            .filter(assets::owner_id.eq(person)),
    )
    .set(assets::owner_id.eq(None::<UserId>))
    .execute(conn)?;
    if let Some(user) = accounts::find_user(conn, tenant, person)? {
        crate::mail::service::forget_reply_to(conn, tenant, &user.email)?;
    }
    Ok(())
}

/// Before an area is removed (inside its transaction): its assets move to
/// the area it was part of, or to no area, so they stay on the map.
pub fn area_removed(
    conn: &mut DbConn,
    tenant: &TenantId,
    area: &AreaId,
    parent: Option<&AreaId>,
) -> Result<()> {
    diesel::update(
        assets::table
            .filter(assets::tenant_id.eq(tenant))
            .filter(assets::area_id.eq(area)),
    )
    .set(assets::area_id.eq(parent))
    .execute(conn)?;
    Ok(())
}
