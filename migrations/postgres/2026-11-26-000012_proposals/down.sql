DROP TABLE proposal_events;
DROP TABLE proposal_revisions;
DROP TABLE proposal_supports;
DROP TABLE proposal_coauthors;
DROP TABLE proposal_tags;
DROP TABLE proposal_counts;
DROP TABLE proposals;
