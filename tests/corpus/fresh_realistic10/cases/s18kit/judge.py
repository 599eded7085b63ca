"""A contest-site client: a login session keeps its cookies in an http.cookiejar.CookieJar."""
import http.cookiejar
import urllib.request


class ContestClient:
    BASE = "https://judge.example.org"

    def __init__(self, username=None):
        self.username = username
        self.cookie_jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookie_jar))

    def login(self, token):
        cookie = http.cookiejar.Cookie(
            0, "session", token, None, False, "judge.example.org", False, False,
            "/", True, False, None, False, None, None, {})
        self.cookie_jar.set_cookie(cookie)
        return True

    def session_cookies(self):
        return {c.name: c.value for c in self.cookie_jar}

    @classmethod
    def from_cookies(cls, cookies):
        client = cls()
        for name, value in cookies.items():
            client.login(value)
        return client

    def problem_list(self, contest_id):
        return {"%s_%s" % (contest_id, letter): "%s/contests/%s/tasks/%s" % (self.BASE, contest_id, letter)
                for letter in "abcdef"}

    def download_samples(self, problem_id, url):
        # offline stand-in for the HTTP request: samples derived from the id
        seed = sum(map(ord, problem_id))
        return [(str(seed % 97), str(seed % 89)), (str(seed % 13), str(seed % 7))]
