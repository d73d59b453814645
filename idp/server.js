// The embedded OpenID provider `make run` starts on loopback (the npm package oidc-provider):
// its accounts are the demo people, all with one documented password, so the sign-in a
// person sees under `make run` is the real Authorization Code + PKCE flow.
//
// Settings (scripts/idp.sh sets them): KAIZEN_IDP_PORT, KAIZEN_IDP_HOST, KAIZEN_IDP_ACCOUNTS
// (a JSON list of {sub, email, name, team, groups}), KAIZEN_IDP_KEYS (private JWKS, made on
// first start), KAIZEN_IDP_CLIENT_ID, KAIZEN_IDP_REDIRECT_URIS (comma separated),
// KAIZEN_IDP_PASSWORD, KAIZEN_IDP_TOKEN_TTL (seconds).
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";

import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

import { errorPage, escape, loginPage, logoutPage } from "./pages.js";

const env = process.env;
const HOST = env.KAIZEN_IDP_HOST ?? "127.0.0.1";
const PORT = Number(env.KAIZEN_IDP_PORT ?? 8090);
const ISSUER = `http://${HOST}:${PORT}`;
const PASSWORD = env.KAIZEN_IDP_PASSWORD ?? "kaizen-demo";
const TTL = Number(env.KAIZEN_IDP_TOKEN_TTL ?? 3600);
const CLIENT_ID = env.KAIZEN_IDP_CLIENT_ID ?? "kaizen-portal";
const REDIRECTS = (env.KAIZEN_IDP_REDIRECT_URIS ?? "http://127.0.0.1:8000/").split(",");

function accounts() {
  // read on every look-up: a test or an operator may add a person while it runs
  return JSON.parse(readFileSync(env.KAIZEN_IDP_ACCOUNTS, "utf8"));
}

function accountBy(field, value) {
  const wanted = String(value ?? "").trim().toLowerCase();
  return accounts().find((a) => String(a[field]).toLowerCase() === wanted);
}

async function signingKeys(path) {
  if (!existsSync(path)) {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const jwk = { ...(await exportJWK(privateKey)), alg: "RS256", use: "sig" };
    jwk.kid = randomBytes(8).toString("hex");
    writeFileSync(path, JSON.stringify({ keys: [jwk] }), { mode: 0o600 });
  }
  return JSON.parse(readFileSync(path, "utf8"));
}

async function findAccount(ctx, sub) {
  const account = accountBy("sub", sub);
  if (!account) return undefined;
  return {
    accountId: sub,
    async claims() {
      const { email, name, team, groups } = account;
      return { sub, email, email_verified: true, name, team, groups };
    },
  };
}

// Kaizen's portal is a first-party client: its grant is made at once, never asked for.
async function loadExistingGrant(ctx) {
  const existing = ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
  if (existing) return ctx.oidc.provider.Grant.find(existing);
  const grant = new ctx.oidc.provider.Grant({
    clientId: ctx.oidc.client.clientId,
    accountId: ctx.oidc.session.accountId,
  });
  grant.addOIDCScope("openid profile email offline_access");
  await grant.save();
  return grant;
}

const provider = new Provider(ISSUER, {
  clients: [
    {
      client_id: CLIENT_ID,
      token_endpoint_auth_method: "none",
      application_type: "web",
      redirect_uris: REDIRECTS,
      post_logout_redirect_uris: REDIRECTS,
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
    },
  ],
  jwks: await signingKeys(env.KAIZEN_IDP_KEYS),
  cookies: { keys: [randomBytes(32).toString("hex")] },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "team", "groups"],
  },
  conformIdTokenClaims: false, // the ID token carries the claims Kaizen reads
  findAccount,
  loadExistingGrant,
  clientBasedCORS: (ctx, origin, client) =>
    client.redirectUris.some((uri) => new URL(uri).origin === origin),
  ttl: { IdToken: TTL, AccessToken: TTL, Session: 8 * 3600, Grant: 8 * 3600 },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true, logoutSource: logoutPage },
  },
  renderError: errorPage,
});

async function form(req) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  if (action !== "login") return send(res, 200, loginPage({ uid, hint: details.params.login_hint }));
  const fields = await form(req);
  const account = accountBy("email", fields.get("email"));
  if (!account || fields.get("password") !== PASSWORD) {
    const error = "That e-mail and password do not match a Kaizen demo account.";
    return send(res, 200, loginPage({ uid, error, hint: fields.get("email") })); // the form again
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: account.sub } },
    {
      mergeWithLastSubmission: false,
    },
  );
}

function send(res, status, html) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

const handle = provider.callback();
const server = http.createServer(async (req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(req.url.split("?")[0]);
  if (!match) return handle(req, res);
  try {
    await interaction(req, res, match[1], req.method === "POST" ? match[2] : undefined);
  } catch (error) {
    send(res, 400, `<!doctype html><title>Sign-in expired</title><p>${escape(error.message)}: go back to Kaizen and sign in again.</p>`);
  }
});
server.listen(PORT, HOST, () => console.log(`kaizen idp: ${ISSUER} (client ${CLIENT_ID})`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
