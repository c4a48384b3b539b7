"""briefing-site: validate YAML news briefings and publish them as a static site."""
