"""Writing the referat in Slack: lines per item, attendance, documents, the round."""
