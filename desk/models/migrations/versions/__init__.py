"""Revision scripts; a package so that installers ship them with `desk.models`."""
