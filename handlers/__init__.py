"""The Slack edge: bolt listeners per surface, and the Slack Web API gateway."""
