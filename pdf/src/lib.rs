//! Học bạ PDF rendering and PAdES signing.
