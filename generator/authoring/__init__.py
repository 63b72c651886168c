"""Tools for the people who keep a guide: new data files, club folders, imports."""
