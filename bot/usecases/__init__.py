"""Use cases the Slack edge calls: each loads what a listener needs and checks the actor."""
