// Motions: a member territory's page (contribute, amend, vote), the facilitator's page (phases, text, decisions,
// adoption, delivery, answers), the public follow-up and an adopted version.
import type { ComponentChildren } from "preact";
import { amendmentKinds, followUpStatuses, motionPhases } from "../../../db/schema/index.js";
import { plural } from "../../../lib/format.js";
import { Notice, TableScroll, Tag } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, Radios, Select, TextInput, Textarea, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { Tally } from "../domain/motion-text.js";
import { wordDiff, type DiffPart } from "../domain/motion-text.js";
import { phaseLabels } from "../motions.commands.js";
import { followUpLabels, type AmendmentRow, type AnswerRow, type ContributionRow, type DeliveryRow, type MotionRow, type SectionView, type VersionRow, type VoteRow } from "../motions.queries.js";

const amendmentKindLabels = { remplacer: "Remplacer le texte", ajouter: "Ajouter un texte", supprimer: "Supprimer la proposition" } as const;
const amendmentStateLabels = { brouillon: "Brouillon", depose: "Déposé", accepte: "Accepté", rejete: "Rejeté", retire: "Retiré", fusionne: "Fusionné" } as const;
const choiceLabels = { pour: "Pour", contre: "Contre", abstention: "Abstention" } as const;

export function Diff({ parts }: { parts: DiffPart[] }) {
  return (
    <p class="govuk-body maillage-diff maillage-pre-line">
      {parts.map((p) => (p.change === "added" ? <ins>{p.text}</ins> : p.change === "removed" ? <del>{p.text}</del> : p.text))}
    </p>
  );
}

function Phases({ motion }: { motion: MotionRow }) {
  const current = motionPhases.indexOf(motion.phase);
  return (
    <ol class="govuk-list govuk-list--number maillage-phases">
      {motionPhases.map((p, i) => (
        <li aria-current={p === motion.phase ? "step" : undefined}>
          {i === current ? <strong>{phaseLabels[p]} (en cours)</strong> : i < current ? `${phaseLabels[p]} (terminée)` : phaseLabels[p]}
          {motion.deadlines[p] ? ` — jusqu'au ${motion.deadlines[p]!.split("-").reverse().join("/")}` : ""}
        </li>
      ))}
    </ol>
  );
}

function TallyText({ t }: { t: Tally | undefined }) {
  if (!t) return null;
  return (
    <p class="govuk-body-s">
      {t.pour} pour, {t.contre} contre, {plural(t.abstention, "abstention", "abstentions")} — {t.voters} territoires sur {t.members} ont voté
      {t.quorumMet ? (t.adopted ? " : adoptée" : " : non adoptée") : " : quorum non atteint"}
    </p>
  );
}

export type MotionText = { sections: SectionView[]; amendments: AmendmentRow[]; contributions: ContributionRow[]; votes: VoteRow[]; tallies: Map<number | "texte", Tally> };

/** The text, section by section, with its contributions count, amendments, diffs and tallies; `extra` adds forms. */
function TextSections({ text, extra }: { text: MotionText; extra?: (s: SectionView) => ComponentChildren }) {
  return (
    <>
      {text.sections.map((s) => (
        <section class="maillage-section" aria-labelledby={`section-${s.id}`}>
          <h3 class="govuk-heading-s" id={`section-${s.id}`}>
            {s.label}
            {s.title ? ` : ${s.title}` : ""}
          </h3>
          <p class="govuk-body maillage-pre-line">{s.body}</p>
          {s.kind === "proposition" ? <p class="govuk-body-s">Synthèse de {plural(s.contributionIds.length, "contribution", "contributions")}.</p> : null}
          {s.kind === "proposition" ? <TallyText t={text.votes.some((v) => v.sectionId === s.id) ? text.tallies.get(s.id) : undefined} /> : null}
          {text.amendments
            .filter((a) => a.sectionId === s.id)
            .map((a) => (
              <div class="govuk-inset-text">
                <p class="govuk-body-s govuk-!-margin-bottom-1">
                  Amendement de {a.territoryName} : {amendmentKindLabels[a.kind].toLowerCase()} · <Tag colour={a.state === "accepte" ? "green" : a.state === "rejete" ? "red" : "grey"}>{amendmentStateLabels[a.state]}</Tag>
                </p>
                <Diff parts={wordDiff(a.original, a.kind === "remplacer" ? a.proposed : a.kind === "ajouter" ? `${a.original}\n\n${a.proposed}` : "")} />
                <p class="govuk-body-s">Justification : {a.justification}</p>
                {a.reason ? <p class="govuk-body-s">Décision : {a.reason}</p> : null}
              </div>
            ))}
          {extra?.(s)}
        </section>
      ))}
    </>
  );
}

export type TerritoryMotionProps = {
  ctx: PageContext;
  motion: MotionRow;
  text: MotionText;
  territoryId: number;
  canContribute: boolean;
  isDelegate: boolean;
  themes: { code: string; label: string }[];
  notice?: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
};

export function TerritoryMotionPage(props: TerritoryMotionProps) {
  const { ctx, motion, text, territoryId } = props;
  const base = `/t/${ctx.territory!.code}/reseau/motions/${motion.id}`;
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const mine = text.contributions.filter((c) => c.territoryId === territoryId);
  const myVote = (sectionId: number | null) => text.votes.find((v) => v.territoryId === territoryId && v.sectionId === sectionId)?.choice;
  const voteForm = (sectionId: number | null, label: string) => (
    <form method="post" action={`${base}/votes`} class="maillage-vote">
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="section" value={sectionId === null ? "texte" : String(sectionId)} />
      <Radios name={`choix-${sectionId ?? "texte"}`} label={label} inline small value={myVote(sectionId)} options={(["pour", "contre", "abstention"] as const).map((c) => ({ value: c, text: choiceLabels[c] }))} />
      <Button secondary>{myVote(sectionId) ? "Changer le vote" : "Voter"}</Button>
    </form>
  );
  return (
    <Layout ctx={ctx} title={motion.title} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <a class="govuk-back-link" href={`/t/${ctx.territory!.code}/reseau`}>
        Retour au réseau
      </a>
      {props.notice ? <Notice title={props.notice} success /> : null}
      <span class="govuk-caption-l">Motion {motion.year}{motion.demo ? " (démonstration)" : ""}</span>
      <h1 class="govuk-heading-l">{motion.title}</h1>
      {motion.description ? <p class="govuk-body">{motion.description}</p> : null}
      <h2 class="govuk-heading-m">Phases</h2>
      <Phases motion={motion} />
      <p class="govuk-body-s">
        {plural(text.contributions.length, "contribution reçue", "contributions reçues")} → {plural(text.sections.filter((s) => s.kind === "proposition").length, "proposition", "propositions")}.
      </p>
      {motion.phase === "contributions" ? (
        <>
          <h2 class="govuk-heading-m">Contribuer au nom de {ctx.territory!.name}</h2>
          {mine.length > 0 ? (
            <ul class="govuk-list govuk-list--bullet">
              {mine.map((c) => (
                <li>
                  {c.theme} : {c.body}
                </li>
              ))}
            </ul>
          ) : null}
          {props.canContribute ? (
            <form method="post" action={`${base}/contributions`} novalidate>
              <CsrfField token={ctx.csrfToken} />
              <Select name="theme" label="Thème" error={errors.theme} value={values.theme} options={[{ value: "", text: "Choisissez un thème" }, ...props.themes.map((t) => ({ value: t.label, text: t.label }))]} />
              <Textarea name="texte" label="Votre contribution" hint="Un constat, une demande à l'État, une proposition." error={errors.texte} value={values.texte} rows={6} />
              <Button>Envoyer la contribution</Button>
            </form>
          ) : (
            <p class="govuk-body">Les élus, élues et la coordination du territoire contribuent.</p>
          )}
        </>
      ) : null}
      {motion.phase === "vote" ? (
        <>
          <h2 class="govuk-heading-m">Vote sur le texte entier</h2>
          <TallyText t={text.votes.some((v) => v.sectionId === null) ? text.tallies.get("texte") : undefined} />
          {props.isDelegate ? voteForm(null, "Le vote de votre territoire sur le texte entier") : <p class="govuk-body">Seuls les délégués ou déléguées de votre territoire votent ; vous lisez les résultats.</p>}
        </>
      ) : null}
      <h2 class="govuk-heading-m">Le texte</h2>
      {text.sections.length === 0 ? <p class="govuk-body">Le texte n'est pas encore rédigé.</p> : null}
      <TextSections
        text={text}
        extra={(s) => {
          if (s.kind !== "proposition") return null;
          if (motion.phase === "vote" && props.isDelegate) return voteForm(s.id, `Le vote de votre territoire sur la ${s.label.toLowerCase()}`);
          if (motion.phase === "amendements" && props.canContribute)
            return (
              <details class="govuk-details" open={values.section === String(s.id)}>
                <summary class="govuk-details__summary">
                  <span class="govuk-details__summary-text">Amender la {s.label.toLowerCase()}</span>
                </summary>
                <div class="govuk-details__text">
                  <form method="post" action={`${base}/amendements`} novalidate>
                    <CsrfField token={ctx.csrfToken} />
                    <input type="hidden" name="section" value={String(s.id)} />
                    <Radios name={`nature-${s.id}`} label="Nature" small value={values.section === String(s.id) ? values.nature : "remplacer"} options={amendmentKinds.map((k) => ({ value: k, text: amendmentKindLabels[k] }))} />
                    <Textarea name={`texte-${s.id}`} label="Texte proposé" hint="Pour remplacer : le texte complet de la proposition amendée. Laissez vide pour supprimer." error={values.section === String(s.id) ? errors.texte : undefined} value={values.section === String(s.id) ? values.texte : s.body} rows={5} />
                    <Textarea name={`justification-${s.id}`} label="Justification" error={values.section === String(s.id) ? errors.justification : undefined} value={values.section === String(s.id) ? values.justification : ""} rows={3} />
                    <Button name="deposer" value="oui">Déposer l'amendement</Button>{" "}
                    <Button secondary name="deposer" value="non">Garder en brouillon</Button>
                  </form>
                </div>
              </details>
            );
          return null;
        }}
      />
      {motion.phase === "amendements" ? <OwnAmendments ctx={ctx} base={base} amendments={text.amendments.filter((a) => a.territoryId === territoryId && (a.state === "brouillon" || a.state === "depose"))} /> : null}
    </Layout>
  );
}

function OwnAmendments({ ctx, base, amendments }: { ctx: PageContext; base: string; amendments: AmendmentRow[] }) {
  if (amendments.length === 0) return null;
  return (
    <>
      <h2 class="govuk-heading-m">Les amendements de votre territoire</h2>
      <ul class="govuk-list">
        {amendments.map((a) => (
          <li>
            {amendmentKindLabels[a.kind]} ({amendmentStateLabels[a.state]}) : {a.justification}{" "}
            {a.state === "brouillon" ? (
              <form method="post" action={`${base}/amendements/${a.id}/deposer`} class="maillage-inline-form">
                <CsrfField token={ctx.csrfToken} />
                <button class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" type="submit">
                  Déposer<span class="govuk-visually-hidden"> l'amendement {a.id}</span>
                </button>
              </form>
            ) : null}{" "}
            <form method="post" action={`${base}/amendements/${a.id}/retirer`} class="maillage-inline-form">
              <CsrfField token={ctx.csrfToken} />
              <button class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" type="submit">
                Retirer<span class="govuk-visually-hidden"> l'amendement {a.id}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}

export type FacilitatorMotionProps = {
  ctx: PageContext;
  motion: MotionRow;
  text: MotionText;
  versions: VersionRow[];
  deliveries: DeliveryRow[];
  answers: AnswerRow[];
  notice?: string;
  error?: string;
};

export function FacilitatorMotionPage(props: FacilitatorMotionProps) {
  const { ctx, motion, text } = props;
  const base = `/reseau/animation/motions/${motion.id}`;
  const latest = props.versions[0];
  const proposals = text.sections.filter((s) => s.kind === "proposition");
  return (
    <Layout ctx={ctx} title={`Animer : ${motion.title}`} hasErrors={Boolean(props.error)}>
      <a class="govuk-back-link" href="/reseau/animation">
        Retour à l'animation du réseau
      </a>
      {props.error ? <ErrorSummary errors={{ formulaire: props.error }} /> : null}
      {props.notice ? <Notice title={props.notice} success /> : null}
      <span class="govuk-caption-l">Animation · motion {motion.year}</span>
      <h1 class="govuk-heading-l">{motion.title}</h1>
      <Phases motion={motion} />
      <form method="post" action={`${base}/phase`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Select name="phase" label="Passer à la phase" value={motion.phase} options={motionPhases.map((p) => ({ value: p, text: phaseLabels[p] }))} />
        <TextInput name="echeance" type="date" label="Échéance de cette phase" hint="Envoyée avec le courriel, en fichier de calendrier (.ics)." width="10" />
        <Button>Changer de phase et prévenir les territoires</Button>
      </form>
      <h2 class="govuk-heading-m">Contributions ({text.contributions.length})</h2>
      <TableScroll label="Contributions des territoires">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">Contributions</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">N°</th>
              <th scope="col" class="govuk-table__header">Territoire</th>
              <th scope="col" class="govuk-table__header">Thème</th>
              <th scope="col" class="govuk-table__header">Contribution</th>
              <th scope="col" class="govuk-table__header">Étiquettes</th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {text.contributions.map((c) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">{c.id}</td>
                <td class="govuk-table__cell">{c.territoryName}</td>
                <td class="govuk-table__cell">{c.theme}</td>
                <td class="govuk-table__cell maillage-pre-line">{c.body}</td>
                <td class="govuk-table__cell">
                  <form method="post" action={`${base}/contributions/${c.id}/etiquettes`}>
                    <CsrfField token={ctx.csrfToken} />
                    <label class="govuk-label govuk-visually-hidden" for={`etiquettes-${c.id}`}>
                      Étiquettes de la contribution {c.id}
                    </label>
                    <input class="govuk-input govuk-input--width-10" id={`etiquettes-${c.id}`} name="etiquettes" value={c.tags.join(", ")} />
                    <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                      Étiqueter<span class="govuk-visually-hidden"> la contribution {c.id}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2 class="govuk-heading-m">Le texte</h2>
      <TextSections
        text={text}
        extra={(s) => (
          <>
            {text.amendments
              .filter((a) => a.sectionId === s.id && a.state === "depose")
              .map((a) => (
                <form method="post" action={`${base}/amendements/${a.id}/decision`} class="maillage-decision">
                  <CsrfField token={ctx.csrfToken} />
                  <Radios name={`decision-${a.id}`} label={`Décision sur l'amendement de ${a.territoryName}`} small inline options={[{ value: "accepte", text: "Accepter" }, { value: "rejete", text: "Rejeter" }, { value: "fusionne", text: "Fusionner" }]} />
                  <TextInput name={`raison-${a.id}`} label="Raison (obligatoire pour rejeter ou fusionner)" />
                  <Button secondary>Décider</Button>
                </form>
              ))}
            {s.kind === "proposition" ? <TallyText t={text.tallies.get(s.id)} /> : null}
            {motion.phase !== "vote" ? <SectionEditForm ctx={ctx} action={`${base}/sections/${s.id}`} section={s} /> : null}
          </>
        )}
      />
      <details class="govuk-details">
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Ajouter une section au texte</span>
        </summary>
        <div class="govuk-details__text">
          <form method="post" action={`${base}/sections`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <Select name="nature" label="Nature" options={[{ value: "preambule", text: "Préambule" }, { value: "question", text: "Question" }, { value: "proposition", text: "Proposition" }]} />
            <TextInput name="titre" label="Titre (facultatif)" />
            <Textarea name="texte" label="Texte" rows={5} />
            <TextInput name="contributions" label="Contributions synthétisées" hint="Leurs numéros, séparés par des virgules (pour une proposition)." />
            <Button>Ajouter la section</Button>
          </form>
        </div>
      </details>
      {motion.phase === "vote" ? (
        <>
          <h2 class="govuk-heading-m">Clore le vote</h2>
          <TallyText t={text.tallies.get("texte")} />
          <form method="post" action={`${base}/adopter`}>
            <CsrfField token={ctx.csrfToken} />
            <Button>Adopter et figer le texte</Button>
          </form>
        </>
      ) : null}
      {latest && motion.phase !== "vote" ? (
        <form method="post" action={`${base}/adopter`}>
          <CsrfField token={ctx.csrfToken} />
          <p class="govuk-body">Après une correction du texte, adoptez une nouvelle version : les versions adoptées ne changent jamais.</p>
          <Button secondary>Adopter une nouvelle version</Button>
        </form>
      ) : null}
      {props.versions.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">Versions adoptées</h2>
          <ul class="govuk-list">
            {props.versions.map((v) => (
              <li>
                <a class="govuk-link" href={`/reseau/motions/${motion.id}/versions/${v.number}`}>
                  Version {v.number}
                </a>{" "}
                du {v.adoptedAt.toLocaleDateString("fr-FR", { timeZone: "Europe/Paris" })} ({plural(v.signatories.length, "territoire signataire", "territoires signataires")})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {latest ? (
        <>
          <h2 class="govuk-heading-m">Remise</h2>
          {props.deliveries.length > 0 ? (
            <ul class="govuk-list govuk-list--bullet">
              {props.deliveries.map((d) => (
                <li>
                  Version {d.versionNumber} remise à {d.recipient} le {d.deliveredOn.split("-").reverse().join("/")}
                  {d.note ? ` (${d.note})` : ""}
                </li>
              ))}
            </ul>
          ) : null}
          <form method="post" action={`${base}/remises`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextInput name="destinataire" label="Remise à" hint="Par exemple : cabinet du Premier ministre" />
            <TextInput name="date" type="date" label="Date de la remise" width="10" />
            <TextInput name="note" label="Note (facultative)" />
            <Button secondary>Enregistrer la remise de la version {latest.number}</Button>
          </form>
          <h2 class="govuk-heading-m">Réponses obtenues</h2>
          <AnswerForm ctx={ctx} action={`${base}/reponses`} proposals={proposals} />
        </>
      ) : null}
    </Layout>
  );
}

/** Changes a section in place: ids carry the section's, so that every form of the page has its own. */
function SectionEditForm({ ctx, action, section }: { ctx: PageContext; action: string; section: SectionView }) {
  const id = (name: string) => `section-${section.id}-${name}`;
  return (
    <details class="govuk-details">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">Modifier la section<span class="govuk-visually-hidden"> {section.label}</span></span>
      </summary>
      <div class="govuk-details__text">
        <form method="post" action={action} novalidate>
          <CsrfField token={ctx.csrfToken} />
          <div class="govuk-form-group">
            <label class="govuk-label" for={id("nature")}>Nature</label>
            <select class="govuk-select" id={id("nature")} name="nature">
              {(["preambule", "question", "proposition"] as const).map((k) => (
                <option value={k} selected={k === section.kind}>
                  {k === "preambule" ? "Préambule" : k === "question" ? "Question" : "Proposition"}
                </option>
              ))}
            </select>
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for={id("titre")}>Titre (facultatif)</label>
            <input class="govuk-input" id={id("titre")} name="titre" value={section.title} />
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for={id("texte")}>Texte</label>
            <textarea class="govuk-textarea" id={id("texte")} name="texte" rows={5}>
              {section.body}
            </textarea>
          </div>
          <div class="govuk-form-group">
            <label class="govuk-label" for={id("contributions")}>Contributions synthétisées</label>
            <input class="govuk-input" id={id("contributions")} name="contributions" value={section.contributionIds.join(", ")} />
          </div>
          <Button secondary>Enregistrer la section</Button>
        </form>
      </div>
    </details>
  );
}

export function AnswerForm({ ctx, action, proposals, institution }: { ctx: PageContext; action: string; proposals: { id: number; label: string; motion?: string }[]; institution?: string }) {
  return (
    <form method="post" action={action} enctype="multipart/form-data" novalidate>
      <CsrfField token={ctx.csrfToken} />
      <Select name="proposition" label="Proposition" options={proposals.map((p) => ({ value: String(p.id), text: p.motion ? `${p.motion} — ${p.label}` : p.label }))} />
      <TextInput name="institution" label="Institution" value={institution} />
      <TextInput name="date" type="date" label="Date de la réponse" width="10" />
      <Select name="statut" label="Statut" options={followUpStatuses.map((s) => ({ value: s, text: followUpLabels[s] }))} />
      <Textarea name="resume" label="Résumé de la réponse" rows={4} />
      <div class="govuk-form-group">
        <label class="govuk-label" for="champ-piece">
          Courrier ou document de la réponse (facultatif)
        </label>
        <div class="govuk-hint" id="champ-piece-hint">
          PDF ou image JPEG, PNG ou WebP, 10 Mo au plus ; il sera public avec la réponse.
        </div>
        <input class="govuk-file-upload" id="champ-piece" name="piece" type="file" accept="application/pdf,image/jpeg,image/png,image/webp" aria-describedby="champ-piece-hint" />
      </div>
      <Button>Enregistrer la réponse</Button>
    </form>
  );
}
