"""Every output of a build: pages, figures, open data and PDFs, at the paths and URLs of the site."""
