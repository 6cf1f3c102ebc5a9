import { describe, expect, it } from "vitest";
import { redactUrl } from "./app.js";

describe("log redaction", () => {
  it("masks sign-in tokens, appointment keys and share tokens, keeping the rest of the URL", () => {
    expect(redactUrl("/connexion/lien?jeton=abc123&x=1")).toBe("/connexion/lien?jeton=[masqué]&x=1");
    expect(redactUrl("/rendez-vous/7b0c?cle=k1.k2&confirme=1")).toBe("/rendez-vous/7b0c?cle=[masqué]&confirme=1");
    expect(redactUrl("/statistiques/partage/s3cr3t?periode=2027")).toBe("/statistiques/partage/[masqué]?periode=2027");
    expect(redactUrl("/lieux?q=Parthenay")).toBe("/lieux?q=Parthenay");
  });
});
