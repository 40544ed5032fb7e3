"""The office window's frame: navigation, menus, status bar, tray and sign-in."""
