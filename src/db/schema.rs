//! The one schema both backends share. Portable types only: Text, BigInt,
//! Integer, Bool, Binary, Timestamp (UTC). Kept by hand in step with
//! `migrations/{sqlite,postgres}`; `tests/it/schema.rs` checks they agree.

diesel::table! {
    tenants (id) {
        id -> Text,
        slug -> Text,
        name -> Text,
        status -> Text,
        default_language -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    tenant_hosts (host) {
        host -> Text,
        tenant_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        message_id -> Text,
        kind -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_by -> Nullable<Text>,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        reply_to -> Nullable<Text>,
        list_unsubscribe -> Nullable<Text>,
    }
}

diesel::joinable!(tenant_hosts -> tenants (tenant_id));
diesel::joinable!(outbox -> tenants (tenant_id));

diesel::table! {
    users (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        email -> Text,
        email_verified_at -> Nullable<Timestamp>,
        password_hash -> Nullable<Text>,
        display_name -> Text,
        role -> Text,
        platform_operator -> Bool,
        totp_secret -> Nullable<Text>,
        totp_last_step -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        language -> Nullable<Text>,
    }
}

diesel::table! {
    sessions (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        user_id -> Text,
        kind -> Text,
        token_hash -> Text,
        fully_signed_in -> Bool,
        user_agent -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        pending_totp_secret -> Nullable<Text>,
    }
}

diesel::table! {
    spent_refresh_tokens (tenant_id, token_hash) {
        tenant_id -> Text,
        token_hash -> Text,
        session_id -> Text,
        spent_at -> Timestamp,
    }
}

diesel::table! {
    account_tokens (tenant_id, token_hash) {
        tenant_id -> Text,
        token_hash -> Text,
        user_id -> Text,
        purpose -> Text,
        new_email -> Nullable<Text>,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    recovery_codes (tenant_id, user_id, code_hash) {
        tenant_id -> Text,
        user_id -> Text,
        code_hash -> Text,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    profiles (tenant_id, user_id) {
        tenant_id -> Text,
        user_id -> Text,
        pronouns -> Nullable<Text>,
        bio -> Nullable<Text>,
        neighbourhood -> Nullable<Text>,
        skills -> Text,
        interests -> Text,
        visibility -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (tenant_id, seq) {
        tenant_id -> Text,
        seq -> BigInt,
        id -> Text,
        occurred_at -> Timestamp,
        kind -> Text,
        actor_id -> Nullable<Text>,
        subject_id -> Nullable<Text>,
        detail -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::joinable!(audit_events -> tenants (tenant_id));

diesel::table! {
    organisations (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        name -> Text,
        name_key -> Text,
        kind -> Text,
        description -> Text,
        website -> Nullable<Text>,
        areas_served -> Nullable<Text>,
        verified_at -> Nullable<Timestamp>,
        verified_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    areas (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        parent_id -> Nullable<Text>,
        name -> Text,
        kind -> Text,
        description -> Nullable<Text>,
        latitude_micro -> Nullable<BigInt>,
        longitude_micro -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    organisation_members (tenant_id, organisation_id, user_id) {
        tenant_id -> Text,
        organisation_id -> Text,
        user_id -> Text,
        role -> Text,
        joined_at -> Timestamp,
    }
}

diesel::table! {
    organisation_join_requests (tenant_id, organisation_id, user_id) {
        tenant_id -> Text,
        organisation_id -> Text,
        user_id -> Text,
        message -> Nullable<Text>,
        status -> Text,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
    }
}

diesel::joinable!(areas -> tenants (tenant_id));

diesel::table! {
    place_settings (tenant_id) {
        tenant_id -> Text,
        brand_colour -> Nullable<Text>,
        updated_at -> Timestamp,
        contact_email -> Nullable<Text>,
        mail_sender_name -> Nullable<Text>,
        mail_sender_address -> Nullable<Text>,
        residency_routes -> Text,
        support_threshold -> BigInt,
        open_data_licence -> Text,
    }
}

diesel::joinable!(place_settings -> tenants (tenant_id));

diesel::table! {
    place_stories (tenant_id) {
        tenant_id -> Text,
        markdown -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    organisation_invitations (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        organisation_id -> Text,
        email -> Text,
        role -> Text,
        token_hash -> Text,
        invited_by -> Nullable<Text>,
        status -> Text,
        created_at -> Timestamp,
        sent_at -> Timestamp,
        expires_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    assets (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        name -> Text,
        kind -> Text,
        description -> Text,
        area_id -> Nullable<Text>,
        organisation_id -> Nullable<Text>,
        owner_id -> Nullable<Text>,
        availability -> Nullable<Text>,
        contactable -> Bool,
        search_text -> Text,
        withdrawn_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    proposals (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        author_id -> Nullable<Text>,
        title -> Text,
        body -> Text,
        intended_outcome -> Text,
        area_id -> Nullable<Text>,
        status -> Text,
        support_count -> BigInt,
        search_text -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        published_at -> Nullable<Timestamp>,
        last_activity_at -> Timestamp,
        hidden_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    postcodes (tenant_id, postcode) {
        tenant_id -> Text,
        postcode -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    organisation_invitation_sends (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        organisation_id -> Text,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    asset_messages (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        asset_id -> Text,
        sender_id -> Text,
        sent_at -> Timestamp,
    }
}

diesel::table! {
    residency_verifications (tenant_id, user_id) {
        tenant_id -> Text,
        user_id -> Text,
        route -> Text,
        verified_at -> Timestamp,
    }
}

diesel::table! {
    residency_requests (tenant_id, user_id) {
        tenant_id -> Text,
        user_id -> Text,
        note -> Nullable<Text>,
        status -> Text,
        reason -> Nullable<Text>,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
    }
}

diesel::table! {
    proposal_counts (tenant_id, status) {
        tenant_id -> Text,
        status -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    vouching_codes (tenant_id, code_hash) {
        tenant_id -> Text,
        code_hash -> Text,
        organisation_id -> Text,
        issued_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    proposal_tags (tenant_id, proposal_id, tag) {
        tenant_id -> Text,
        proposal_id -> Text,
        tag -> Text,
    }
}

diesel::table! {
    residency_attempts (tenant_id, user_id, id) {
        tenant_id -> Text,
        user_id -> Text,
        id -> Text,
        attempted_at -> Timestamp,
    }
}
diesel::joinable!(assets -> tenants (tenant_id));

diesel::table! {
    proposal_coauthors (tenant_id, proposal_id, user_id) {
        tenant_id -> Text,
        proposal_id -> Text,
        user_id -> Text,
        status -> Text,
        invited_at -> Timestamp,
        answered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    proposal_supports (tenant_id, proposal_id, user_id) {
        tenant_id -> Text,
        proposal_id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    proposal_revisions (tenant_id, proposal_id, id) {
        tenant_id -> Text,
        proposal_id -> Text,
        id -> Text,
        edited_by -> Nullable<Text>,
        edited_at -> Timestamp,
        title -> Text,
        body -> Text,
        intended_outcome -> Text,
    }
}

diesel::table! {
    proposal_events (tenant_id, proposal_id, id) {
        tenant_id -> Text,
        proposal_id -> Text,
        id -> Text,
        occurred_at -> Timestamp,
        kind -> Text,
        actor_id -> Nullable<Text>,
        from_status -> Nullable<Text>,
        to_status -> Nullable<Text>,
        reason -> Nullable<Text>,
        detail -> Text,
    }
}

diesel::joinable!(proposals -> tenants (tenant_id));

diesel::table! {
    comments (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        subject_kind -> Text,
        subject_id -> Text,
        parent_id -> Nullable<Text>,
        thread_id -> Text,
        depth -> Integer,
        author_id -> Nullable<Text>,
        body -> Text,
        format -> Text,
        created_at -> Timestamp,
        edited_at -> Nullable<Timestamp>,
        deleted_at -> Nullable<Timestamp>,
        hidden_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    moderation_items (tenant_id, subject_kind, subject_id) {
        tenant_id -> Text,
        subject_kind -> Text,
        subject_id -> Text,
        hidden_at -> Nullable<Timestamp>,
        hidden_reason -> Nullable<Text>,
        review_requested_at -> Nullable<Timestamp>,
        queued_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    moderation_flags (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        subject_kind -> Text,
        subject_id -> Text,
        flagged_by -> Text,
        reason -> Text,
        note -> Nullable<Text>,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
        resolution -> Nullable<Text>,
    }
}

diesel::table! {
    moderation_actions (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        subject_kind -> Text,
        subject_id -> Text,
        action -> Text,
        actor_id -> Nullable<Text>,
        reason -> Nullable<Text>,
        occurred_at -> Timestamp,
    }
}

diesel::table! {
    polls (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        board_id -> Text,
        question -> Text,
        details -> Text,
        method -> Text,
        dots -> Nullable<Integer>,
        cap -> Nullable<BigInt>,
        credits -> Nullable<Integer>,
        rule -> Text,
        threshold -> Nullable<Text>,
        quorum_citizens -> BigInt,
        quorum_organisations -> BigInt,
        secret -> Bool,
        live_results -> Bool,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        closes_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        closed_by -> Nullable<Text>,
        result -> Nullable<Text>,
        digest -> Nullable<Text>,
    }
}

diesel::table! {
    poll_options (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        poll_id -> Text,
        position -> Integer,
        label -> Text,
        cost -> Nullable<BigInt>,
    }
}

diesel::table! {
    poll_ballots (tenant_id, poll_id, id) {
        tenant_id -> Text,
        poll_id -> Text,
        id -> Text,
        constituency -> Text,
        content -> Text,
        receipt_hash -> Nullable<Text>,
    }
}

diesel::table! {
    poll_voters (tenant_id, poll_id, user_id) {
        tenant_id -> Text,
        poll_id -> Text,
        user_id -> Text,
        constituency -> Text,
        voted -> Bool,
        assisted_by -> Nullable<Text>,
        ballot_id -> Nullable<Text>,
    }
}

diesel::joinable!(comments -> tenants (tenant_id));
diesel::joinable!(moderation_items -> tenants (tenant_id));

diesel::table! {
    follows (tenant_id, user_id, subject_kind, subject_id) {
        tenant_id -> Text,
        user_id -> Text,
        subject_kind -> Text,
        subject_id -> Text,
        following -> Bool,
        reason -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    proposal_assets (tenant_id, proposal_id, asset_id) {
        tenant_id -> Text,
        proposal_id -> Text,
        asset_id -> Text,
        linked_at -> Timestamp,
    }
}

diesel::table! {
    resident_areas (tenant_id, user_id) {
        tenant_id -> Text,
        user_id -> Text,
        area_id -> Text,
        chosen_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_invitations (tenant_id, proposal_id, user_id) {
        tenant_id -> Text,
        proposal_id -> Text,
        user_id -> Text,
        reason -> Text,
        invited_at -> Timestamp,
    }
}

diesel::table! {
    evaluation_ratings (tenant_id, proposal_id, user_id) {
        tenant_id -> Text,
        proposal_id -> Text,
        user_id -> Text,
        rating -> Integer,
        comment -> Nullable<Text>,
        show_name -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    notification_settings (tenant_id, user_id) {
        tenant_id -> Text,
        user_id -> Text,
        delivery -> Text,
        last_digest_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    notification_digest_items (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        user_id -> Text,
        subject_kind -> Text,
        subject_id -> Text,
        kind -> Text,
        notice -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(follows -> tenants (tenant_id));
diesel::joinable!(notification_settings -> tenants (tenant_id));
diesel::joinable!(notification_digest_items -> tenants (tenant_id));
diesel::joinable!(proposal_assets -> tenants (tenant_id));
diesel::joinable!(resident_areas -> tenants (tenant_id));
diesel::joinable!(evaluation_invitations -> tenants (tenant_id));
diesel::joinable!(evaluation_ratings -> tenants (tenant_id));

diesel::table! {
    boards (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        title -> Text,
        description -> Text,
        service_area -> Text,
        phase -> Text,
        visibility -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        last_activity_at -> Timestamp,
    }
}

diesel::table! {
    board_members (tenant_id, board_id, user_id) {
        tenant_id -> Text,
        board_id -> Text,
        user_id -> Text,
        role -> Text,
        joined_at -> Timestamp,
    }
}

diesel::table! {
    board_organisations (tenant_id, board_id, organisation_id) {
        tenant_id -> Text,
        board_id -> Text,
        organisation_id -> Text,
        joined_at -> Timestamp,
    }
}

diesel::table! {
    board_requests (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        board_id -> Text,
        kind -> Text,
        user_id -> Nullable<Text>,
        organisation_id -> Nullable<Text>,
        role -> Text,
        message -> Nullable<Text>,
        created_by -> Nullable<Text>,
        status -> Text,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
        decided_by -> Nullable<Text>,
    }
}

diesel::table! {
    board_events (tenant_id, board_id, id) {
        tenant_id -> Text,
        board_id -> Text,
        id -> Text,
        occurred_at -> Timestamp,
        kind -> Text,
        actor_id -> Nullable<Text>,
        subject_id -> Nullable<Text>,
        organisation_id -> Nullable<Text>,
        detail -> Text,
    }
}

diesel::table! {
    board_proposals (tenant_id, board_id, proposal_id) {
        tenant_id -> Text,
        board_id -> Text,
        proposal_id -> Text,
        linked_by -> Nullable<Text>,
        linked_at -> Timestamp,
    }
}

diesel::table! {
    board_assets (tenant_id, board_id, asset_id) {
        tenant_id -> Text,
        board_id -> Text,
        asset_id -> Text,
        linked_by -> Nullable<Text>,
        linked_at -> Timestamp,
    }
}

diesel::table! {
    workshops (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        board_id -> Text,
        title -> Text,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        location -> Text,
        accessibility -> Text,
        online_url -> Nullable<Text>,
        notes -> Nullable<Text>,
        notes_published_at -> Nullable<Timestamp>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    workshop_rsvps (tenant_id, workshop_id, user_id) {
        tenant_id -> Text,
        workshop_id -> Text,
        user_id -> Text,
        response -> Text,
        access_needs -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    workshop_attendance (tenant_id, workshop_id, user_id) {
        tenant_id -> Text,
        workshop_id -> Text,
        user_id -> Text,
        mode -> Text,
        recorded_by -> Nullable<Text>,
        recorded_at -> Timestamp,
    }
}

diesel::joinable!(boards -> tenants (tenant_id));

diesel::table! {
    stories (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        author_id -> Text,
        area_id -> Nullable<Text>,
        board_id -> Nullable<Text>,
        special_category -> Bool,
        version -> Integer,
        sealed -> Binary,
        deidentified -> Nullable<Binary>,
        deidentified_approved_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        erased_at -> Nullable<Timestamp>,
        assisted_by -> Nullable<Text>,
    }
}

diesel::table! {
    story_consents (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        story_id -> Text,
        author_id -> Text,
        purpose -> Text,
        audience_kind -> Text,
        audience_id -> Nullable<Text>,
        attribution -> Text,
        status -> Text,
        dpv_purpose -> Text,
        legal_basis -> Text,
        notice_version -> Text,
        expires_at -> Timestamp,
        created_at -> Timestamp,
        withdrawn_at -> Nullable<Timestamp>,
        request_id -> Nullable<Text>,
        renews_id -> Nullable<Text>,
        reminded_at -> Nullable<Timestamp>,
        assisted_by -> Nullable<Text>,
    }
}

diesel::table! {
    story_assists (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        citizen_id -> Text,
        staff_id -> Nullable<Text>,
        organisation_id -> Text,
        story_id -> Text,
        grants -> Text,
        code_hash -> Text,
        code_expires_at -> Timestamp,
        attempts -> Integer,
        status -> Text,
        confirmed_how -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    story_uses (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        author_id -> Text,
        seq -> BigInt,
        story_id -> Text,
        story_version -> Integer,
        grant_id -> Text,
        reader_id -> Nullable<Text>,
        organisation_id -> Nullable<Text>,
        purpose -> Text,
        action -> Text,
        attribution -> Text,
        occurred_at -> Timestamp,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    story_consent_requests (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        story_id -> Text,
        author_id -> Text,
        requester_id -> Nullable<Text>,
        organisation_id -> Nullable<Text>,
        board_id -> Nullable<Text>,
        purposes -> Text,
        audience_kind -> Text,
        audience_id -> Nullable<Text>,
        attribution -> Text,
        duration_months -> Integer,
        message -> Text,
        status -> Text,
        created_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(stories -> tenants (tenant_id));
diesel::joinable!(story_consents -> tenants (tenant_id));
diesel::joinable!(story_uses -> tenants (tenant_id));
diesel::joinable!(story_consent_requests -> tenants (tenant_id));
diesel::joinable!(story_assists -> tenants (tenant_id));

diesel::table! {
    consent_receipts (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        author_id -> Text,
        story_id -> Text,
        event -> Text,
        summary -> Text,
        token -> Text,
        issued_at -> Timestamp,
    }
}

diesel::table! {
    consent_receipt_grants (tenant_id, receipt_id, grant_id) {
        tenant_id -> Text,
        receipt_id -> Text,
        grant_id -> Text,
        event -> Text,
        story_digest -> Text,
    }
}

diesel::table! {
    story_exports (tenant_id, id) {
        tenant_id -> Text,
        id -> Text,
        exporter_id -> Nullable<Text>,
        audience_kind -> Text,
        audience_id -> Text,
        stories -> Integer,
        grant_ids -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(consent_receipts -> tenants (tenant_id));
diesel::joinable!(story_exports -> tenants (tenant_id));

diesel::table! {
    idempotency_keys (tenant_id, user_id, idem_key) {
        tenant_id -> Text,
        user_id -> Text,
        idem_key -> Text,
        fingerprint -> Text,
        method -> Text,
        path -> Text,
        state -> Text,
        claim -> Text,
        status -> Nullable<Integer>,
        content_type -> Nullable<Text>,
        location -> Nullable<Text>,
        body -> Nullable<Binary>,
        created_at -> Timestamp,
        completed_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(idempotency_keys -> tenants (tenant_id));

diesel::allow_tables_to_appear_in_same_query!(
    areas,
    assets,
    asset_messages,
    audit_events,
    organisation_join_requests,
    organisation_invitations,
    organisation_invitation_sends,
    organisations,
    organisation_members,
    tenants,
    tenant_hosts,
    users,
    sessions,
    spent_refresh_tokens,
    account_tokens,
    recovery_codes,
    outbox,
    place_settings,
    place_stories,
    profiles,
    postcodes,
    residency_verifications,
    residency_requests,
    vouching_codes,
    residency_attempts,
    proposals,
    proposal_counts,
    proposal_tags,
    proposal_coauthors,
    proposal_supports,
    proposal_revisions,
    proposal_events,
    comments,
    moderation_items,
    moderation_flags,
    moderation_actions,
    follows,
    notification_settings,
    notification_digest_items,
    proposal_assets,
    resident_areas,
    evaluation_invitations,
    evaluation_ratings,
    boards,
    board_members,
    board_organisations,
    board_requests,
    board_events,
    board_proposals,
    board_assets,
    workshops,
    workshop_rsvps,
    workshop_attendance,
    polls,
    poll_options,
    poll_ballots,
    poll_voters,
    stories,
    story_consents,
    story_uses,
    story_consent_requests,
    consent_receipts,
    consent_receipt_grants,
    story_exports,
    story_assists,
    idempotency_keys,
);
