//! The site's own pages: the home page that tells a visitor what this
//! place's platform is for, the privacy and accessibility statements, and
//! the pages that explain each kind of API problem.

pub mod pages;
