"""Pure domain: enums, value objects and rules; no Slack, no database, no clock."""
