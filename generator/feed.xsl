<?xml version="1.0" encoding="UTF-8"?>
<!--
  The feed (feed.xml) as a page, for a reader who opens it in a browser rather than in a feed
  reader: the site's name, what a feed is and how to subscribe, then each entry's title, linked,
  its date and its summary. Feed readers ignore it. `publish.feed_style` fills in the words
  marked with a dollar sign, in the site's language, escaped for XML; everything else comes from
  the feed, which the XSLT processor escapes as it writes the page (nothing here disables output
  escaping). The page runs no script and loads only the site's own stylesheet, under the
  pages' policy. (The processor writes the page's charset itself.)
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/atom:feed">
    <html lang="$language" dir="$direction">
      <head>
        <meta http-equiv="Content-Security-Policy" content="$policy"/>
        <meta name="referrer" content="no-referrer"/>
        <meta name="viewport" content="width=device-width,initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> — $title</title>
        <link rel="icon" href="$icon"/>
        <link rel="stylesheet" href="$stylesheet"/>
      </head>
      <body class="briefing-feed">
        <header>
          <p class="briefing-feed__site"><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></p>
          <h1>$title</h1>
          <p>$about</p>
          <p>$subscribe</p>
          <p><code class="briefing-feed__address"><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
          <p><a href="{atom:link[@rel='alternate']/@href}">$site</a></p>
        </header>
        <main>
          <h2>$latest</h2>
          <xsl:for-each select="atom:entry">
            <article class="briefing-feed__entry">
              <h3 dir="auto"><a href="{atom:link[not(@rel) or @rel='alternate'][1]/@href}"><xsl:value-of select="atom:title"/></a></h3>
              <p class="briefing-feed__date"><time datetime="{atom:updated}"><xsl:value-of select="substring(atom:updated, 1, 10)"/></time></p>
              <p dir="auto"><xsl:value-of select="atom:summary"/></p>
            </article>
          </xsl:for-each>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
