# Varnish in front of the archive's gunicorn: keeps what the archive marks public for a shared
# cache (Cache-Control: public, s-maxage=...), files each page under the keys it names in
# Surrogate-Key (content, people, person:12, family:3), and purges them when the archive says
# (PURGE / with xkey-purge: the keys; PURGE /path for one address, as Wagtail sends).
# Needs Debian's varnish-modules (vmod xkey). The test tests/test_caching_varnish.py runs it.
vcl 4.1;

import xkey;

backend archive {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge: the archive's own servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.n-gone));
        }
        return (purge);
    }
    # The admin, signed-in editors and anything personal go straight through.
    if (req.url ~ "^/admin/" || req.http.Authorization) {
        return (pass);
    }
    # Visitors' cookies the pages do not read (analytics, consent) would make every request a
    # pass; the archive's own (session, CSRF, messages) keep theirs and pass.
    if (req.http.Cookie && req.http.Cookie !~ "(sessionid|csrftoken|messages)=") {
        unset req.http.Cookie;
    }
}

sub vcl_backend_response {
    # Only what the archive filed under keys is kept: errors, redirects and pages for one
    # visitor carry none, and are never kept, however their Cache-Control reads.
    if (!beresp.http.Surrogate-Key) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    set beresp.http.xkey = beresp.http.Surrogate-Key;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Shared-Cache = "hit";
    } else {
        set resp.http.X-Shared-Cache = "miss";
    }
    # The keys are the cache's business.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
}
