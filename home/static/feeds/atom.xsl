<?xml version="1.0" encoding="utf-8"?>
<!--
    How a browser shows the site's Atom feeds (home/feeds.py names this file in each feed's
    xml-stylesheet instruction): a page saying what a feed is and how to subscribe, then
    the latest entries, instead of raw XML. Feed readers ignore it.

    Self-contained on purpose: no script, no inline style, nothing from another host, so the
    site's Content-Security-Policy (style-src 'self') lets it through; it uses the site's own
    stylesheet at its unhashed address, which every static storage also serves.
    Its few sentences are in the three languages of the site, chosen by the feed's xml:lang
    (a static file has no gettext): keep the three in step when changing one.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
    <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

    <xsl:variable name="lang" select="substring(/atom:feed/@xml:lang, 1, 2)"/>
    <xsl:variable name="self" select="/atom:feed/atom:link[@rel='self']/@href"/>
    <xsl:variable name="page" select="/atom:feed/atom:link[@rel='alternate']/@href"/>

    <!-- One sentence in the feed's language: English unless the feed is Russian or Kazakh. -->
    <xsl:template name="say">
        <xsl:param name="en"/><xsl:param name="ru"/><xsl:param name="kk"/>
        <xsl:choose>
            <xsl:when test="$lang = 'ru'"><xsl:value-of select="$ru"/></xsl:when>
            <xsl:when test="$lang = 'kk'"><xsl:value-of select="$kk"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$en"/></xsl:otherwise>
        </xsl:choose>
    </xsl:template>

    <xsl:template match="/atom:feed">
        <html lang="{$lang}">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="robots" content="noindex"/>
                <title><xsl:value-of select="atom:title"/> · <xsl:call-template name="say">
                    <xsl:with-param name="en">feed</xsl:with-param>
                    <xsl:with-param name="ru">лента</xsl:with-param>
                    <xsl:with-param name="kk">арна</xsl:with-param>
                </xsl:call-template></title>
                <link rel="stylesheet" href="/static/css/site.css"/>
            </head>
            <body>
                <header class="site-header">
                    <div class="wrap site-header__inner">
                        <a class="site-name" href="{$page}"><xsl:value-of select="atom:author/atom:name"/></a>
                    </div>
                </header>
                <main id="main" class="wrap prose feed-preview">
                    <p class="feed-preview__kind"><xsl:call-template name="say">
                        <xsl:with-param name="en">Web feed (Atom)</xsl:with-param>
                        <xsl:with-param name="ru">Лента новостей (Atom)</xsl:with-param>
                        <xsl:with-param name="kk">Жаңалықтар арнасы (Atom)</xsl:with-param>
                    </xsl:call-template></p>
                    <h1><xsl:value-of select="atom:title"/></h1>
                    <xsl:if test="atom:subtitle"><p class="intro"><xsl:value-of select="atom:subtitle"/></p></xsl:if>

                    <section class="callout feed-preview__how" aria-labelledby="how-heading">
                        <h2 id="how-heading" class="callout__heading"><xsl:call-template name="say">
                            <xsl:with-param name="en">How to follow this feed</xsl:with-param>
                            <xsl:with-param name="ru">Как подписаться на эту ленту</xsl:with-param>
                            <xsl:with-param name="kk">Бұл арнаға қалай жазылуға болады</xsl:with-param>
                        </xsl:call-template></h2>
                        <p><xsl:call-template name="say">
                            <xsl:with-param name="en">This page is a feed. A feed reader (an app on your phone or computer, or a feature of some browsers and email programs) checks its address for you and shows each new entry as soon as it is published. You need no account with us and give no email address.</xsl:with-param>
                            <xsl:with-param name="ru">Эта страница — лента новостей. Программа для чтения лент (приложение на телефоне или компьютере, а также функция некоторых браузеров и почтовых программ) сама проверяет её адрес и показывает каждую новую запись сразу после публикации. Вам не нужна учётная запись у нас, и не нужно сообщать адрес электронной почты.</xsl:with-param>
                            <xsl:with-param name="kk">Бұл бет — жаңалықтар арнасы. Арналарды оқитын бағдарлама (телефондағы не компьютердегі қосымша, кейбір браузерлер мен пошта бағдарламаларының мүмкіндігі) оның мекенжайын сіз үшін тексеріп, әр жаңа жазбаны жарияланған бойда көрсетеді. Бізде тіркелгі ашудың да, электрондық пошта мекенжайын берудің де қажеті жоқ.</xsl:with-param>
                        </xsl:call-template></p>
                        <p class="feed-preview__field">
                            <label for="feed-address"><xsl:call-template name="say">
                                <xsl:with-param name="en">To subscribe, copy this address into your feed reader:</xsl:with-param>
                                <xsl:with-param name="ru">Чтобы подписаться, скопируйте этот адрес в программу для чтения лент:</xsl:with-param>
                                <xsl:with-param name="kk">Жазылу үшін осы мекенжайды арналарды оқитын бағдарламаға көшіріңіз:</xsl:with-param>
                            </xsl:call-template></label>
                            <input id="feed-address" class="feed-preview__address" type="url" readonly="readonly" value="{$self}"/>
                        </p>
                        <p><a href="{$page}"><xsl:call-template name="say">
                            <xsl:with-param name="en">Read it on the site instead</xsl:with-param>
                            <xsl:with-param name="ru">Читать на сайте</xsl:with-param>
                            <xsl:with-param name="kk">Сайтта оқу</xsl:with-param>
                        </xsl:call-template></a></p>
                    </section>

                    <h2><xsl:call-template name="say">
                        <xsl:with-param name="en">Latest entries</xsl:with-param>
                        <xsl:with-param name="ru">Последние записи</xsl:with-param>
                        <xsl:with-param name="kk">Соңғы жазбалар</xsl:with-param>
                    </xsl:call-template></h2>
                    <xsl:choose>
                        <xsl:when test="atom:entry">
                            <ol class="feed-preview__entries">
                                <xsl:for-each select="atom:entry">
                                    <li>
                                        <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
                                        <xsl:text> </xsl:text>
                                        <time datetime="{atom:updated}"><xsl:value-of select="substring(atom:updated, 1, 10)"/></time>
                                    </li>
                                </xsl:for-each>
                            </ol>
                        </xsl:when>
                        <xsl:otherwise>
                            <p><xsl:call-template name="say">
                                <xsl:with-param name="en">No entries yet.</xsl:with-param>
                                <xsl:with-param name="ru">Записей пока нет.</xsl:with-param>
                                <xsl:with-param name="kk">Әзірге жазба жоқ.</xsl:with-param>
                            </xsl:call-template></p>
                        </xsl:otherwise>
                    </xsl:choose>
                </main>
            </body>
        </html>
    </xsl:template>
</xsl:stylesheet>
