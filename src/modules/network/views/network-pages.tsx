// The network's entry pages: public, a member territory's, the facilitator's and a partner's.
import { plural } from "../../../lib/format.js";
import { Notice, Tag } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, TextInput, Textarea, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { phaseLabels } from "../motions.commands.js";
import type { ConsultationRow } from "../consultations.js";
import type { GroupRow } from "../groups-themes.js";
import type { ThemeRow } from "../sheets.queries.js";
import type { FollowedProposal, MotionRow } from "../motions.queries.js";
import type { SheetHit } from "../sheets.queries.js";
import { AnswerForm } from "./motion-pages.js";

export type MemberRow = { territoryId: number; code: string; name: string; kind: string; population: number | null };

export function NetworkHomePage({ ctx, members, recent, spaces, isFacilitator, isPartner }: { ctx: PageContext; members: MemberRow[]; recent: SheetHit[]; spaces: { code: string; name: string }[]; isFacilitator: boolean; isPartner: boolean }) {
  return (
    <Layout ctx={ctx} title="Le réseau des territoires">
      <h1 class="govuk-heading-l">Le réseau des territoires</h1>
      <p class="govuk-body-l">Les territoires membres mettent en commun leurs expériences du numérique éducatif et de l'inclusion numérique, et portent ensemble leurs motions auprès de l'État.</p>
      {spaces.length > 0 || isFacilitator || isPartner ? (
        <ul class="govuk-list">
          {spaces.map((s) => (
            <li>
              <a class="govuk-link" href={`/t/${s.code}/reseau`}>
                Espace réseau de {s.name}
              </a>
            </li>
          ))}
          {isFacilitator ? (
            <li>
              <a class="govuk-link" href="/reseau/animation">
                Animer le réseau
              </a>
            </li>
          ) : null}
          {isPartner ? (
            <li>
              <a class="govuk-link" href="/reseau/partenaire">
                Répondre aux propositions adoptées
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href="/reseau/fiches">
            Les fiches d'expérience publiques
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/reseau/suivi">
            Le suivi des motions portées par le réseau
          </a>
        </li>
        <li>
          <a class="govuk-link" href="/reseau/fiches.atom">
            Fil Atom des fiches publiques
          </a>{" "}
          ·{" "}
          <a class="govuk-link" href="/api/v1/experiences">
            Données ouvertes (JSON)
          </a>
        </li>
      </ul>
      <h2 class="govuk-heading-m">{plural(members.length, "territoire membre", "territoires membres")}</h2>
      <ul class="govuk-list govuk-list--bullet maillage-columns">
        {members.map((m) => (
          <li>{m.name}</li>
        ))}
      </ul>
      {recent.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">Dernières fiches publiques</h2>
          <ul class="govuk-list">
            {recent.map((s) => (
              <li>
                <a class="govuk-link" href={`/reseau/fiches/${s.id}`}>
                  {s.title}
                </a>{" "}
                — {s.territoryName}, {s.year}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

export function NotMemberPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Réseau des territoires">
      <h1 class="govuk-heading-l">Votre territoire n'est pas membre du réseau</h1>
      <p class="govuk-body">Les fiches partagées, les motions et les consultations du réseau sont réservées aux territoires membres. L'animateur ou l'animatrice du réseau, ou l'opérateur de l'instance, ajoute un territoire.</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/reseau/fiches">
          Lire les fiches d'expérience publiques
        </a>
      </p>
    </Layout>
  );
}

export function MotionList({ motions, href }: { motions: MotionRow[]; href: (id: number) => string }) {
  if (motions.length === 0) return <p class="govuk-body">Aucune motion pour l'instant.</p>;
  return (
    <ul class="govuk-list">
      {motions.map((m) => (
        <li>
          <a class="govuk-link" href={href(m.id)}>
            {m.title}
          </a>{" "}
          ({m.year}) <Tag colour={m.phase === "vote" || m.phase === "amendements" || m.phase === "contributions" ? "blue" : "grey"}>{phaseLabels[m.phase]}</Tag>
          {m.demo ? " (démonstration)" : ""}
        </li>
      ))}
    </ul>
  );
}

export function FacilitationPage({ ctx, motions, members, consultations, groups, themes, errors, values, notice }: { ctx: PageContext; motions: MotionRow[]; members: MemberRow[]; consultations: ConsultationRow[]; groups: GroupRow[]; themes: ThemeRow[]; errors: FieldErrors; values: Record<string, string>; notice?: string }) {
  return (
    <Layout ctx={ctx} title="Animer le réseau" hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      {notice ? <Notice title={notice} success /> : null}
      <h1 class="govuk-heading-l">Animer le réseau</h1>
      <h2 class="govuk-heading-m">Motions</h2>
      <MotionList motions={motions} href={(id) => `/reseau/animation/motions/${id}`} />
      <details class="govuk-details" open={Object.keys(errors).length > 0}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Ouvrir une motion</span>
        </summary>
        <div class="govuk-details__text">
          <form method="post" action="/reseau/animation/motions" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextInput name="titre" label="Titre" error={errors.titre} value={values.titre} />
            <TextInput name="annee" label="Année" width="4" inputmode="numeric" error={errors.annee} value={values.annee} />
            <Textarea name="description" label="Description" rows={3} value={values.description} />
            <TextInput name="quorum" label="Quorum, en % des territoires membres" width="4" inputmode="numeric" error={errors.quorum} value={values.quorum ?? "50"} />
            <TextInput name="majorite" label="Majorité, en % des votes exprimés (strictement plus de)" width="4" inputmode="numeric" error={errors.majorite} value={values.majorite ?? "50"} />
            <TextInput name="echeance" type="date" label="Fin des contributions" width="10" error={errors.echeance} value={values.echeance} />
            <Button>Ouvrir la motion aux contributions</Button>
          </form>
        </div>
      </details>
      <h2 class="govuk-heading-m">Consultations</h2>
      {consultations.length === 0 ? <p class="govuk-body">Aucune consultation pour l'instant.</p> : (
        <ul class="govuk-list">
          {consultations.map((c) => (
            <li>
              <a class="govuk-link" href={`/reseau/animation/consultations/${c.id}`}>
                {c.title}
              </a>{" "}
              ({c.published ? `close le ${c.closesOn.split("-").reverse().join("/")}` : "non publiée"})
            </li>
          ))}
        </ul>
      )}
      <details class="govuk-details" open={Object.keys(errors).some((k) => k.startsWith("consultation"))}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Préparer une consultation</span>
        </summary>
        <div class="govuk-details__text">
          <form method="post" action="/reseau/animation/consultations" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextInput name="consultation_titre" label="Titre de la consultation" error={errors.consultation_titre} value={values.consultation_titre} />
            <TextInput name="consultation_auteur" label="Qui consulte" hint="Par exemple : ministère de l'Éducation nationale" error={errors.consultation_auteur} value={values.consultation_auteur} />
            <Textarea name="consultation_texte" label="Présentation" rows={3} value={values.consultation_texte} />
            <Textarea name="consultation_questions" label="Questions" hint="Une question par ligne." error={errors.consultation_questions} value={values.consultation_questions} rows={6} />
            <TextInput name="consultation_cloture" type="date" label="Dernier jour pour répondre" width="10" error={errors.consultation_cloture} value={values.consultation_cloture} />
            <Button>Préparer la consultation</Button>
          </form>
        </div>
      </details>
      <h2 class="govuk-heading-m">{plural(members.length, "territoire membre", "territoires membres")}</h2>
      <ul class="govuk-list govuk-list--bullet">
        {members.map((m) => (
          <li>
            {m.name} ({m.code})
          </li>
        ))}
      </ul>
      <form method="post" action="/reseau/animation/membres" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput name="membre_code" label="Ajouter un territoire de l'instance" hint="Son code : SIREN d'une intercommunalité, code INSEE d'une commune ou code du département. L'opérateur peut aussi lancer maillage network join --territory <code>." width="10" error={errors.membre_code} value={values.membre_code} />
        <Button secondary>Ajouter au réseau</Button>
      </form>
      <h2 class="govuk-heading-m">Groupes de travail</h2>
      {groups.length === 0 ? <p class="govuk-body">Aucun groupe de travail pour l'instant.</p> : (
        <dl class="govuk-summary-list">
          {groups.map((g) => (
            <div class="govuk-summary-list__row">
              <dt class="govuk-summary-list__key">{g.name}</dt>
              <dd class="govuk-summary-list__value">
                {g.description ? <p class="govuk-body">{g.description}</p> : null}
                <p class="govuk-body">{g.members.map((m) => m.name).join(", ") || "Aucun territoire"}</p>
                <p class="govuk-body">Animation : {g.facilitators.map((f) => f.name).join(", ") || "personne pour l'instant"}</p>
              </dd>
              <dd class="govuk-summary-list__actions">
                <a class="govuk-link" href={`/reseau/animation/groupes/${g.id}`}>
                  Modifier<span class="govuk-visually-hidden"> le groupe {g.name}</span>
                </a>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <details class="govuk-details" open={Object.keys(errors).some((k) => k.startsWith("groupe"))}>
        <summary class="govuk-details__summary">
          <span class="govuk-details__summary-text">Créer un groupe de travail</span>
        </summary>
        <div class="govuk-details__text">
          <form method="post" action="/reseau/animation/groupes" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextInput name="groupe_nom" label="Nom du groupe" hint="Par exemple : Numérique éducatif" error={errors.groupe_nom} value={values.groupe_nom} />
            <Textarea name="groupe_description" label="Description" rows={2} value={values.groupe_description} />
            <Checkboxes name="groupe_membres" label="Territoires du groupe" small options={members.map((m) => ({ value: String(m.territoryId), text: m.name }))} />
            <Button>Créer le groupe</Button>
          </form>
        </div>
      </details>
      <h2 class="govuk-heading-m">Thèmes des fiches</h2>
      <p class="govuk-body">{themes.map((t) => `${t.label} (${t.code})`).join(" · ")}</p>
      <form method="post" action="/reseau/animation/themes" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput name="theme_code" label="Code du thème" hint="Lettres minuscules, chiffres et tirets ; un code existant garde son code et change de libellé." width="20" error={errors.theme_code} value={values.theme_code} />
        <TextInput name="theme_libelle" label="Libellé du thème" error={errors.theme_libelle} value={values.theme_libelle} />
        <Button secondary>Enregistrer le thème</Button>
      </form>
    </Layout>
  );
}

/** A working group: its name, description, member territories and the people who animate it. */
export function GroupPage({ ctx, group, members, errors, values }: { ctx: PageContext; group: GroupRow; members: MemberRow[]; errors: FieldErrors; values?: { name: string; description: string; territoryIds: string[]; facilitators: string } }) {
  const shown = values ?? { name: group.name, description: group.description, territoryIds: group.members.map((m) => String(m.territoryId)), facilitators: group.facilitators.map((f) => f.email).join("\n") };
  return (
    <Layout ctx={ctx} title={`Groupe de travail ${group.name}`}>
      <a class="govuk-back-link" href="/reseau/animation">
        Animation du réseau
      </a>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">Groupe de travail {group.name}</h1>
      <form method="post" action={`/reseau/animation/groupes/${group.id}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput name="groupe_nom" label="Nom du groupe" error={errors.groupe_nom} value={shown.name} />
        <Textarea name="groupe_description" label="Description" rows={3} value={shown.description} />
        <Checkboxes name="groupe_membres" label="Territoires du groupe" small options={members.map((m) => ({ value: String(m.territoryId), text: m.name }))} values={shown.territoryIds} />
        <Textarea
          name="groupe_animation"
          label="Qui anime le groupe ?"
          hint="L'adresse électronique de chaque personne, une par ligne. Elle doit déjà avoir un compte sur Maillage (élu·e, coordinateur·rice d'un territoire membre, animateur·rice du réseau)."
          rows={3}
          error={errors.groupe_animation}
          value={shown.facilitators}
        />
        <Button>Enregistrer le groupe</Button>
      </form>
    </Layout>
  );
}

export function PartnerPage({ ctx, institution, proposals, notice, error }: { ctx: PageContext; institution: string; proposals: FollowedProposal[]; notice?: string; error?: string }) {
  return (
    <Layout ctx={ctx} title="Répondre aux propositions du réseau" hasErrors={Boolean(error)}>
      {error ? <ErrorSummary errors={{ formulaire: error }} /> : null}
      {notice ? <Notice title={notice} success /> : null}
      <span class="govuk-caption-l">{institution}</span>
      <h1 class="govuk-heading-l">Répondre aux propositions adoptées</h1>
      <p class="govuk-body">Votre réponse paraît sur la page publique de suivi, avec le nom de votre institution.</p>
      {proposals.length === 0 ? (
        <p class="govuk-body">Aucune proposition adoptée pour l'instant.</p>
      ) : (
        <AnswerForm ctx={ctx} action="/reseau/partenaire/reponses" institution={institution} proposals={proposals.map((p) => ({ id: p.sectionId, label: `Proposition ${p.number} : ${p.body.slice(0, 80)}${p.body.length > 80 ? "…" : ""}`, motion: `${p.motionTitle} (${p.year})` }))} />
      )}
    </Layout>
  );
}
