// Public pages of adopted motions: the follow-up of every adopted proposal across the years, and one version.
// adoption, delivery, answers), the public follow-up and an adopted version.
import { type FollowUpStatus } from "../../../db/schema/index.js";
import { plural } from "../../../lib/format.js";
import { SummaryList, Tag } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import { type DiffPart } from "../domain/motion-text.js";
import { followUpLabels, type DeliveryRow, type FollowedProposal, type VersionRow } from "../motions.queries.js";

import { Diff } from "./motion-pages.js";

const statusColour = (s: FollowUpStatus) => (s === "mis_en_oeuvre" ? "green" : s === "engagement" ? "blue" : s === "refuse" ? "red" : s === "reponse_recue" ? "yellow" : "grey");

/** Every adopted proposal across the years, with its status and the answers obtained. */
export function FollowUpPage({ ctx, proposals, deliveries }: { ctx: PageContext; proposals: FollowedProposal[]; deliveries: DeliveryRow[] }) {
  const motions = [...new Map(proposals.map((p) => [p.motionId, p])).values()];
  return (
    <Layout ctx={ctx} title="Suivi des motions du réseau">
      <h1 class="govuk-heading-l">Suivi des motions portées par le réseau</h1>
      <p class="govuk-body">Chaque proposition adoptée, les réponses obtenues de l'État et de ses services, année après année.</p>
      {motions.length === 0 ? <p class="govuk-body">Aucune motion adoptée pour l'instant.</p> : null}
      {motions.map((m) => (
        <section aria-labelledby={`motion-${m.motionId}`}>
          <h2 class="govuk-heading-m" id={`motion-${m.motionId}`}>
            {m.motionTitle} ({m.year})
          </h2>
          <p class="govuk-body-s">
            <a class="govuk-link" href={`/reseau/motions/${m.motionId}/versions/${m.versionNumber}`}>
              Texte adopté (version {m.versionNumber})
            </a>
            {deliveries
              .filter((d) => d.motionId === m.motionId)
              .map((d) => ` · remis à ${d.recipient} le ${d.deliveredOn.split("-").reverse().join("/")}`)}
          </p>
          {proposals
            .filter((p) => p.motionId === m.motionId)
            .map((p) => (
              <div class="maillage-followup">
                <h3 class="govuk-heading-s">
                  Proposition {p.number} <Tag colour={statusColour(p.status)}>{followUpLabels[p.status]}</Tag>
                </h3>
                <p class="govuk-body maillage-pre-line">{p.body}</p>
                {p.answers.map((a) => (
                  <div class="govuk-inset-text">
                    <p class="govuk-body-s govuk-!-margin-bottom-1">
                      {a.institution}, le {a.answeredOn.split("-").reverse().join("/")} — {followUpLabels[a.status]}
                    </p>
                    <p class="govuk-body maillage-pre-line">{a.summary}</p>
                    {a.attachmentFilename ? (
                      <p class="govuk-body-s">
                        <a class="govuk-link" href={`/reseau/reponses/${a.id}/piece`}>
                          {a.attachmentFilename}
                        </a>
                      </p>
                    ) : null}
                  </div>
                ))}
              </div>
            ))}
        </section>
      ))}
    </Layout>
  );
}

/** An adopted version, its hash, signatories, downloads and what changed since the previous one. */
export function VersionPage({ ctx, motionId, version, previous, diff }: { ctx: PageContext; motionId: number; version: VersionRow; previous?: VersionRow; diff?: { label: string; parts: DiffPart[]; status: string }[] }) {
  const base = `/reseau/motions/${motionId}/versions/${version.number}`;
  return (
    <Layout ctx={ctx} title={`${version.content.title}, version ${version.number}`}>
      <a class="govuk-back-link" href="/reseau/suivi">
        Retour au suivi
      </a>
      <span class="govuk-caption-l">Texte adopté · version {version.number}</span>
      <h1 class="govuk-heading-l">{version.content.title}</h1>
      <SummaryList
        rows={[
          { key: "Adoptée le", value: version.adoptedAt.toLocaleDateString("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" }) },
          { key: "Territoires signataires", value: version.signatories.join(", ") || "Aucun" },
          { key: "Empreinte SHA-256", value: <code class="maillage-break">{version.contentHash}</code> },
          { key: "Chemin", value: `${plural(version.content.contributions, "contribution", "contributions")} → ${plural(version.content.sections.filter((s) => s.kind === "proposition").length, "proposition", "propositions")}` },
        ]}
      />
      <p class="govuk-body">
        <a class="govuk-link" href={`${base}.docx`}>
          Télécharger le texte (DOCX)
        </a>{" "}
        ·{" "}
        <a class="govuk-link" href={`${base}.pdf`}>
          Télécharger le texte (PDF)
        </a>
      </p>
      {version.content.sections.map((s) => (
        <section>
          <h2 class="govuk-heading-m">{s.kind === "preambule" ? s.title || "Préambule" : `${s.kind === "question" ? "Question" : "Proposition"} ${s.number}${s.title ? ` : ${s.title}` : ""}`}</h2>
          <p class="govuk-body maillage-pre-line">{s.body}</p>
          {s.result ? (
            <p class="govuk-body-s">
              Vote : {s.result.pour} pour, {s.result.contre} contre, {plural(s.result.abstention, "abstention", "abstentions")}
            </p>
          ) : null}
        </section>
      ))}
      {previous && diff ? (
        <>
          <h2 class="govuk-heading-m">Changements depuis la version {previous.number}</h2>
          {diff.filter((d) => d.status !== "same").length === 0 ? <p class="govuk-body">Aucun changement.</p> : null}
          {diff
            .filter((d) => d.status !== "same")
            .map((d) => (
              <>
                <h3 class="govuk-heading-s">{d.label}</h3>
                <Diff parts={d.parts} />
              </>
            ))}
        </>
      ) : null}
    </Layout>
  );
}
