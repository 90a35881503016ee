"""Who is at the station: staff, roles, PIN sign-in, the screen lock, faces."""
