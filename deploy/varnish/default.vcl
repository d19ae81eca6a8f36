vcl 4.1;
# The site's edge cache (Varnish 7), rendered by campaigns/edge/vcl.py: `python -m
# campaigns.edge.vcl --backend HOST:PORT ... --purger ADDRESS ...`. What it does:
# - caches anonymous GETs and HEADs for the time the app gives (s-maxage first), and keeps
#   an expired copy for 6 h: a burst on an expiring page reaches the app once, and the
#   site stays up while the app servers are down (when probes are rendered);
# - passes the admin, every other method, and any request that carries the session or the
#   CSRF cookie or an Authorization header; never stores a response with Set-Cookie or
#   Cache-Control private/no-store/no-cache;
# - compresses text; accepts PURGE (one URL) and BAN (a path prefix or a regex) only from
#   the app servers (acl purgers).

import directors;
import std;


backend app0 {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
}

acl purgers {
    "127.0.0.1";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app0);
}

sub vcl_recv {
    set req.backend_hint = app.backend();
    # An expired copy is served for up to 6 h (beresp.grace) while the app servers are
    # down, and for 30 s while they are up: in both cases Varnish fetches one new copy in
    # the background and every other request gets the stale one meanwhile.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 30s;
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed."));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed."));
        }
        # X-Ban-Regex: the paths to drop (e.g. "^/(ru/|kk/)?cases/"); without it, the
        # request's path and everything under it.
        if (req.http.X-Ban-Regex) {
            ban("obj.http.X-Edge-Host == " + req.http.host + " && obj.http.X-Edge-Url ~ " + req.http.X-Ban-Regex);
        } else {
            ban("obj.http.X-Edge-Host == " + req.http.host + " && obj.http.X-Edge-Url ~ ^" + req.url);
        }
        return (synth(200, "Banned."));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|documents|healthz)(/|$)" || req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken)=") {
        return (pass);
    }
    # Anything else is for the browser only (no page reads another cookie), and the
    # language comes from the path: one copy per URL.
    unset req.http.Cookie;
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_backend_response {
    # Kept on the object so that BANs run in the background (ban lurker).
    set beresp.http.X-Edge-Host = bereq.http.host;
    set beresp.http.X-Edge-Url = bereq.url;

    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|atom\+xml|rss\+xml|javascript)|image/svg\+xml)" && !beresp.http.Content-Encoding) {
        set beresp.do_gzip = true;
    }
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Vary == "*"
        || beresp.ttl <= 0s
        || (beresp.status == 301 && beresp.http.Location ~ "^https:" && bereq.http.X-Forwarded-Proto != "https")) {
        # Not for sharing: remember that for 2 minutes, so requests go straight to the
        # app instead of queueing behind each other.
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.X-Edge-Host;
    unset resp.http.X-Edge-Url;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason;
    return (deliver);
}
