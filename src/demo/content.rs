//! What the demo place holds, as data: people, wards, organisations,
//! assets, proposals, comments and stories. Kept apart from the seeding
//! so the words can be read (and changed) in one place.

/// The city and its wards (real Coventry ward names).
pub const CITY: &str = "Coventry";
pub const WARDS: &[(&str, &str)] = &[
    ("St Michael's", "The city centre, Hillfields and Spon End."),
    ("Foleshill", "North of the centre along the Foleshill Road."),
    ("Radford", "Radford, Daimler Green and Coundon."),
    ("Earlsdon", "Earlsdon, Styvechale and the Memorial Park."),
    (
        "Lower Stoke",
        "Lower Stoke, Stoke Aldermoor and Gosford Green.",
    ),
    ("Binley and Willenhall", "The south-east of the city."),
];

/// A person of the demo: the email's local part, their name, and their
/// role in the place (`admin`, `moderator` or `citizen`).
pub struct Person {
    pub key: &'static str,
    pub name: &'static str,
    pub role: &'static str,
    /// What they are in the story of the demo (printed with the accounts).
    pub who: &'static str,
}

pub const PEOPLE: &[Person] = &[
    Person {
        key: "priya",
        name: "Priya Shah",
        role: "admin",
        who: "council officer, place admin",
    },
    Person {
        key: "owen",
        name: "Owen Clarke",
        role: "moderator",
        who: "moderator",
    },
    Person {
        key: "grace",
        name: "Grace Okafor",
        role: "citizen",
        who: "The Salvation Army",
    },
    Person {
        key: "tom",
        name: "Tom Reilly",
        role: "citizen",
        who: "Coventry Winter Night Shelter",
    },
    Person {
        key: "hannah",
        name: "Hannah Bell",
        role: "citizen",
        who: "Troubled Families programme keyworker",
    },
    Person {
        key: "marcus",
        name: "Marcus Lee",
        role: "citizen",
        who: "Three Spires Housing",
    },
    Person {
        key: "amira",
        name: "Amira Hussain",
        role: "citizen",
        who: "Hillfields Community Kitchen",
    },
    Person {
        key: "jo",
        name: "Jo Evans",
        role: "citizen",
        who: "resident of Earlsdon",
    },
    Person {
        key: "sam",
        name: "Sam Carter",
        role: "citizen",
        who: "resident of Foleshill",
    },
    Person {
        key: "leah",
        name: "Leah Morgan",
        role: "citizen",
        who: "parent in Radford",
    },
    Person {
        key: "daniel",
        name: "Daniel Price",
        role: "citizen",
        who: "resident of Lower Stoke",
    },
    Person {
        key: "kev",
        name: "Kev Walsh",
        role: "citizen",
        who: "no fixed address, vouched for by The Salvation Army",
    },
    Person {
        key: "dee",
        name: "Dee Byrne",
        role: "citizen",
        who: "no fixed address, vouched for by the night shelter",
    },
];

/// An organisation, the person who runs its account, and its kind.
pub struct Org {
    pub name: &'static str,
    pub kind: &'static str,
    pub admin: &'static str,
    pub description: &'static str,
    pub website: Option<&'static str>,
    pub serves: &'static str,
}

pub const SALVATION_ARMY: &str = "The Salvation Army";
pub const NIGHT_SHELTER: &str = "Coventry Winter Night Shelter";
pub const TROUBLED_FAMILIES: &str = "Troubled Families programme (Coventry City Council)";
pub const HOUSING: &str = "Three Spires Housing";
pub const KITCHEN: &str = "Hillfields Community Kitchen";

pub const ORGANISATIONS: &[Org] = &[
    Org {
        name: SALVATION_ARMY,
        kind: "voluntary",
        admin: "grace",
        description: "A church and charity. In Coventry we run a drop-in with hot food, showers and post for people with no address, and help people into housing.",
        website: Some("https://www.salvationarmy.org.uk"),
        serves: "The whole city",
    },
    Org {
        name: NIGHT_SHELTER,
        kind: "voluntary",
        admin: "tom",
        description: "Churches across the city take turns to open their halls as a shelter through the winter, with a hot meal, a bed and volunteers to talk to.",
        website: None,
        serves: "The whole city, November to March",
    },
    Org {
        name: TROUBLED_FAMILIES,
        kind: "public",
        admin: "hannah",
        description: "The council's keyworkers work with whole families facing several problems at once, with one worker and one plan instead of many.",
        website: None,
        serves: "Families across the city",
    },
    Org {
        name: HOUSING,
        kind: "voluntary",
        admin: "marcus",
        description: "A housing association (made up for this demo) with homes across Coventry, including move-on flats for people leaving hostels.",
        website: None,
        serves: "Foleshill, Radford and Lower Stoke",
    },
    Org {
        name: KITCHEN,
        kind: "community",
        admin: "amira",
        description: "Neighbours who cook together twice a week and share the meal with anyone who comes. Run by volunteers.",
        website: None,
        serves: "Hillfields",
    },
];

/// An asset: a strength of the place someone offers.
pub struct AssetSeed {
    pub name: &'static str,
    pub kind: &'static str,
    pub description: &'static str,
    pub ward: &'static str,
    /// The person offering it, and the organisation they offer it for.
    pub by: &'static str,
    pub organisation: Option<&'static str>,
    pub availability: Option<&'static str>,
}

pub const ASSETS: &[AssetSeed] = &[
    AssetSeed {
        name: "Drop-in: hot food, showers and post",
        kind: "service",
        description: "Come in for a hot meal and a shower. You can have your post sent here if you have no address.",
        ward: "St Michael's",
        by: "grace",
        organisation: Some(SALVATION_ARMY),
        availability: Some("Monday to Friday, 9am to 1pm"),
    },
    AssetSeed {
        name: "Church halls for the winter shelter",
        kind: "space",
        description: "Seven church halls that take turns to open as a shelter from November to March.",
        ward: "St Michael's",
        by: "tom",
        organisation: Some(NIGHT_SHELTER),
        availability: Some("Every night, 7pm to 8am, November to March"),
    },
    AssetSeed {
        name: "Community kitchen and dining room",
        kind: "space",
        description: "A big kitchen and a room for forty people to eat together. Free to groups that cook for the neighbourhood.",
        ward: "St Michael's",
        by: "amira",
        organisation: Some(KITCHEN),
        availability: Some("Tuesdays and Thursdays, 4pm to 8pm"),
    },
    AssetSeed {
        name: "Help filling in housing forms",
        kind: "skill",
        description: "I worked in a housing office for twenty years. I can sit with you and fill in the forms.",
        ward: "Earlsdon",
        by: "jo",
        organisation: None,
        availability: Some("Saturday mornings"),
    },
    AssetSeed {
        name: "A van for moving furniture",
        kind: "equipment",
        description: "A small van to move donated furniture into someone's first flat.",
        ward: "Foleshill",
        by: "sam",
        organisation: None,
        availability: Some("Weekends, ask first"),
    },
];

/// A proposal, who writes it, where, and how far it has gone.
pub struct ProposalSeed {
    pub title: &'static str,
    pub body: &'static str,
    pub outcome: &'static str,
    pub ward: &'static str,
    pub tags: &'static [&'static str],
    pub author: &'static str,
    /// The status it ends at: `draft`, `published`, `in_codesign`,
    /// `accepted`, `not_taken_forward`, `in_delivery`, `delivered` or
    /// `evaluated`.
    pub status: &'static str,
    /// The public reason given with the last move, where one is given.
    pub reason: Option<&'static str>,
    pub comments: &'static [(&'static str, &'static str)],
}

pub const PROPOSALS: &[ProposalSeed] = &[
    ProposalSeed {
        title: "One front door for a bed on a cold night",
        body: "Today you queue at the shelter door at 7pm and hope there is a bed. If there is not, you have walked across the city for nothing.\n\nWe want one way in: ring, text or drop in at the Salvation Army before 6pm, and be told where your bed is tonight.",
        outcome: "Nobody who asks for a bed before 6pm walks the streets looking for one.",
        ward: "St Michael's",
        tags: &["homelessness", "night-shelter"],
        author: "kev",
        status: "in_codesign",
        reason: Some("Over the support threshold. The night-shelter intake board is designing this with the people who use the shelter."),
        comments: &[
            ("dee", "Last February I walked to two halls before I found a bed. A text by 6pm would have changed my night."),
            ("tom", "Our volunteers would welcome knowing who is coming. We will bring the rota to the board."),
            ("grace", "We can take the calls at the drop-in. We need to agree what happens after 6pm."),
        ],
    },
    ProposalSeed {
        title: "Lockers at the drop-in for people sleeping rough",
        body: "If you sleep rough you carry everything you own, all day. Your papers get wet or stolen.\n\nPut twenty lockers at the drop-in, free, with a key you keep.",
        outcome: "People keep their documents safe and can go to appointments without their bags.",
        ward: "St Michael's",
        tags: &["homelessness"],
        author: "dee",
        status: "published",
        reason: None,
        comments: &[
            ("sam", "Could the library have some too? It is open later."),
            ("dee", "Yes, anywhere that is open in the evening."),
        ],
    },
    ProposalSeed {
        title: "A family keyworker who stays when you move",
        body: "When a family is moved to temporary housing in another ward, they often get a new keyworker and start again.\n\nLet families keep the same keyworker for a year, wherever they are moved to in the city.",
        outcome: "Families tell their story once, and the plan they made carries on.",
        ward: "Radford",
        tags: &["families"],
        author: "leah",
        status: "accepted",
        reason: None,
        comments: &[
            ("hannah", "This matches what families tell us. We are changing how cases are given out."),
            ("leah", "Thank you. Please ask the families how it goes."),
        ],
    },
    ProposalSeed {
        title: "Move the shelter to one building all winter",
        body: "Moving between church halls every night is hard for guests. Use one building for the whole winter.",
        outcome: "Guests know where to go every night.",
        ward: "St Michael's",
        tags: &["night-shelter"],
        author: "daniel",
        status: "not_taken_forward",
        reason: Some("No single building is free all winter, and the churches' halls are what make the shelter possible. The board is working on the real problem this raises: knowing where to go. See \"One front door for a bed on a cold night\"."),
        comments: &[("tom", "We looked hard at this. We could not find a building, but the idea shaped the front-door proposal.")],
    },
    ProposalSeed {
        title: "Phone charging and free wifi at the community kitchen",
        body: "A phone is how you get appointments, benefits and work. Let people charge phones and use wifi while they eat.",
        outcome: "People do not miss appointments because their phone is dead.",
        ward: "St Michael's",
        tags: &["digital"],
        author: "sam",
        status: "in_delivery",
        reason: None,
        comments: &[("amira", "The sockets are going in next month. The wifi is donated by a local firm.")],
    },
    ProposalSeed {
        title: "Furniture for first flats",
        body: "People moving from the shelter into a flat often have nothing to sit or sleep on. Collect donated furniture and deliver it on moving day.",
        outcome: "Nobody moves into an empty flat.",
        ward: "Foleshill",
        tags: &["housing"],
        author: "jo",
        status: "delivered",
        reason: None,
        comments: &[
            ("marcus", "We will tell you when a tenant moves in, with their agreement."),
            ("sam", "My van is free most weekends."),
        ],
    },
    ProposalSeed {
        title: "Breakfast at the drop-in open to everyone",
        body: "Make breakfast at the drop-in open to anyone, not only people referred by an agency.",
        outcome: "People come in without a referral, and get to know the staff before they need help.",
        ward: "St Michael's",
        tags: &["food", "homelessness"],
        author: "kev",
        status: "evaluated",
        reason: None,
        comments: &[("grace", "Since March, anyone can come. More people now ask us for help early.")],
    },
    ProposalSeed {
        title: "A quiet room at the library for appointments",
        body: "A room where people can meet their support worker or make a private call, without being overheard.",
        outcome: "People can talk privately about their housing and health.",
        ward: "St Michael's",
        tags: &["homelessness"],
        author: "dee",
        status: "draft",
        reason: None,
        comments: &[],
    },
];

/// A story: who tells it, and the consents they give.
pub struct StorySeed {
    pub author: &'static str,
    pub title: &'static str,
    pub body: &'static str,
    pub ward: &'static str,
    pub on_board: bool,
    pub special_category: bool,
    /// The version anonymous readers see (names, dates and places out),
    /// approved by the author.
    pub deidentified: Option<(&'static str, &'static str)>,
}

pub const STORIES: &[StorySeed] = &[
    StorySeed {
        author: "kev",
        title: "Three doors in one night",
        body: "I was told to go to the shelter, so I went. It was full, so they sent me to the hall on the other side of town. By the time I got there it was nearly ten. If someone had just told me in the afternoon where to go, I would have slept properly and got to my appointment the next day.",
        ward: "St Michael's",
        on_board: true,
        special_category: false,
        deidentified: None,
    },
    StorySeed {
        author: "dee",
        title: "The worker who remembered my name",
        body: "Most places you are a number. At the drop-in Grace remembered my name and that I was waiting for a letter. That is why I went back, and that is why I am in a flat now.",
        ward: "St Michael's",
        on_board: true,
        special_category: false,
        deidentified: Some((
            "The worker who remembered my name",
            "Most places you are a number. At one place a worker remembered my name and that I was waiting for a letter. That is why I went back, and that is why I have a home now.",
        )),
    },
    StorySeed {
        author: "leah",
        title: "Telling our story five times",
        body: "When we were moved to Radford we got a new worker, then another. Each one asked the same questions. My son stopped answering. When we finally kept one worker, things started to move.",
        ward: "Radford",
        on_board: false,
        special_category: false,
        deidentified: None,
    },
    StorySeed {
        author: "jo",
        title: "My first winter volunteering",
        body: "I signed up to make tea at the night shelter. I stayed to listen. The guests know more about what works than any of us.",
        ward: "Earlsdon",
        on_board: false,
        special_category: false,
        deidentified: Some((
            "Volunteering in winter",
            "I signed up to make tea at a shelter. I stayed to listen. The guests know more about what works than any of us.",
        )),
    },
];
