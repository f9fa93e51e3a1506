/// The sign-in and enrolment pages. Passkeys are a browser API (`navigator.credentials`), so these two pages are
/// the only ones that need JavaScript; they say so in `<noscript>`. The script only moves bytes between the
/// browser's authenticator and the JSON API (`/api/v1/auth/…`), which decides everything (ADR 0014).
struct SignInPages: Sendable {
    var shell: PageShell

    func signIn(next: String) -> String {
        let language = shell.language
        return shell.render(title: language.pick("登入", "Sign in")) { html in
            html.element(
                "p", [], language.pick("請使用已登記的通行金鑰（passkey）登入。", "Sign in with your registered passkey."))
            html.element(
                "noscript", [],
                language.pick("通行金鑰需要瀏覽器啟用 JavaScript。", "Passkeys need JavaScript enabled in the browser."))
            html.element(
                "button", [("id", "sign-in"), ("type", "button")], language.pick("使用通行金鑰登入", "Sign in with a passkey"))
            html.element("p", [("id", "message"), ("role", "alert")], "")
            html.open("script")
            html.raw(Self.base64URL)
            html.raw(
                """
                document.getElementById('sign-in').addEventListener('click', async () => {
                  const message = document.getElementById('message');
                  try {
                    const options = await post('/api/v1/auth/login/options', {});
                    const credential = await navigator.credentials.get({ publicKey: {
                      challenge: fromB64(options.challenge), rpId: options.rpId, timeout: options.timeout,
                      userVerification: options.userVerification } });
                    const r = credential.response;
                    await post('/api/v1/auth/login', { id: credential.id, type: credential.type, response: {
                      clientDataJSON: toB64(r.clientDataJSON), authenticatorData: toB64(r.authenticatorData),
                      signature: toB64(r.signature), userHandle: r.userHandle ? toB64(r.userHandle) : undefined } });
                    location.assign(\(Self.jsString(Self.safeNext(next))));
                  } catch (error) {
                    message.textContent = \(Self.jsString(language.pick("登入失敗：", "Sign-in failed: "))) + error.message;
                  }
                });
                """)
            html.close("script")
        }
    }

    /// The invitation is typed or pasted, never taken from the URL, where request logs and browser history would
    /// keep it.
    func enrol() -> String {
        let language = shell.language
        return shell.render(title: language.pick("登記通行金鑰", "Register a passkey")) { html in
            html.element(
                "p", [],
                language.pick(
                    "輸入管理者提供的邀請碼，並為這台裝置登記通行金鑰。",
                    "Enter the invitation from your administrator and register a passkey on this device."))
            html.element(
                "noscript", [],
                language.pick("通行金鑰需要瀏覽器啟用 JavaScript。", "Passkeys need JavaScript enabled in the browser."))
            html.open("p")
            html.element("label", [("for", "invitation")], language.pick("邀請碼", "Invitation"))
            html.raw(" ")
            html.open("input", [("id", "invitation"), ("autocomplete", "off")])
            html.close("p")
            html.open("p")
            html.element("label", [("for", "device")], language.pick("裝置名稱", "Device name"))
            html.raw(" ")
            html.open("input", [("id", "device"), ("value", language.pick("我的電腦", "My computer"))])
            html.close("p")
            html.element("button", [("id", "enrol"), ("type", "button")], language.pick("登記", "Register"))
            html.element("p", [("id", "message"), ("role", "alert")], "")
            html.open("script")
            html.raw(Self.base64URL)
            html.raw(
                """
                document.getElementById('enrol').addEventListener('click', async () => {
                  const message = document.getElementById('message');
                  try {
                    const options = await post('/api/v1/auth/register/options',
                      { invitation: document.getElementById('invitation').value.trim() });
                    const credential = await navigator.credentials.create({ publicKey: {
                      challenge: fromB64(options.challenge), rp: options.rp,
                      user: { id: fromB64(options.user.id), name: options.user.name, displayName: options.user.displayName },
                      pubKeyCredParams: options.pubKeyCredParams, timeout: options.timeout,
                      attestation: options.attestation, authenticatorSelection: options.authenticatorSelection } });
                    await post('/api/v1/auth/register', { id: credential.id, type: credential.type,
                      deviceName: document.getElementById('device').value,
                      response: { clientDataJSON: toB64(credential.response.clientDataJSON),
                                  attestationObject: toB64(credential.response.attestationObject) } });
                    message.textContent = \(Self.jsString(language.pick("已登記，請登入。", "Registered. Please sign in.")));
                    const link = document.createElement('a');
                    link.href = '/login'; link.textContent = \(Self.jsString(language.pick("登入", "Sign in")));
                    message.append(' ', link);
                  } catch (error) {
                    message.textContent = \(Self.jsString(language.pick("登記失敗：", "Registration failed: "))) + error.message;
                  }
                });
                """)
            html.close("script")
        }
    }

    /// Helpers shared by both scripts: base64url ⇄ bytes, and a JSON POST that turns a problem answer into an error
    /// carrying its `detail`.
    static let base64URL = """
        const toB64 = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)))
          .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
        const fromB64 = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
        async function post(path, body) {
          const answer = await fetch(path, { method: 'POST', credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
          const text = await answer.text();
          const json = text ? JSON.parse(text) : {};
          if (!answer.ok) throw new Error(json.detail || answer.status);
          return json;
        }

        """

    /// Only a path on this site is followed after sign-in (`/x`, not `//host` or `https://…`): an open redirect
    /// would let a phishing link send a freshly signed-in user elsewhere.
    static func safeNext(_ next: String) -> String {
        next.hasPrefix("/") && !next.hasPrefix("//") && !next.hasPrefix("/\\") ? next : "/"
    }

    /// A JavaScript string literal that cannot end the script element it is in.
    static func jsString(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "<": literal += "\\u003c"
            case ">": literal += "\\u003e"
            case "&": literal += "\\u0026"
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\u{2028}": literal += "\\u2028"
            case "\u{2029}": literal += "\\u2029"
            default: literal.unicodeScalars.append(scalar)
            }
        }
        return literal + "\""
    }
}
