// The provider's own pages: sign-in form, sign-out (sent on at once: the portal asked for it
// with the ID token as hint) and errors. Self-contained: no fonts or scripts from elsewhere.
const STYLE = `body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1d2330}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin-top:1rem;padding:.6rem 1rem;font-size:1rem}.error{color:#a30d0d}small{color:#555}`;

export function escape(text) {
  return String(text ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );
}

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escape(title)}</title>
<style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function loginPage({ uid, error, hint }) {
  const note = error ? `<p class="error" role="alert">${escape(error)}</p>` : "";
  return page(
    "Sign in · Kaizen identity provider",
    `<main><h1>Sign in to your organisation</h1>${note}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escape(hint)}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>
<p><small>Kaizen's embedded identity provider: every demo person's password is the one in the README.</small></p></main>`,
  );
}

export function errorPage(ctx, out) {
  ctx.type = "html";
  const rows = Object.entries(out)
    .map(([key, value]) => `<p><strong>${escape(key)}</strong>: ${escape(value)}</p>`)
    .join("");
  ctx.body = page("Sign-in error", `<main><h1>Sign-in could not go on</h1>${rows}</main>`);
}

export async function logoutPage(ctx, form) {
  ctx.body = page(
    "Signing out",
    `<main><h1>Signing out…</h1>${form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>')}
<noscript><button form="op.logoutForm" type="submit">Sign out</button></noscript>
<script>document.forms[0].submit()</script></main>`,
  );
}
