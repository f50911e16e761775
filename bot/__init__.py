"""referent: a Slack bot that does a committee secretary's work."""
