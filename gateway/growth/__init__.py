"""Continuous growth: goals with key results, check-ins, one-on-ones, kudos, team view."""
