// Experience sheets: search (network or public), one sheet, the sheet form.
import { formatNumber, plural } from "../../../lib/format.js";
import { Notice, Pagination, SummaryList, Tag } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, Radios, Select, TextInput, Textarea, formFields, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { SheetRaw } from "../domain/sheet-input.js";
import type { AttachmentRow } from "../attachments.js";
import { sheetFigureKeys } from "../../../db/schema/index.js";
import { figureLabels, formatFigure } from "../sheet-figures.js";
import { visibilityLabels } from "../domain/sheet-input.js";
import { highlightParts, POPULATION_BANDS, type QuestionRow, type SheetDetail, type SheetFilters, type SheetHit, type ThemeRow } from "../sheets.queries.js";

const kindLabels: Record<string, string> = { epci: "Intercommunalité", commune: "Commune", departement: "Département" };

export function Excerpt({ text }: { text: string }) {
  return (
    <>
      {highlightParts(text).map((p) => (p.marked ? <mark>{p.text}</mark> : p.text))}
    </>
  );
}

function profile(s: { territoryKind: string; population: number | null; departement: string | null }): string {
  return [kindLabels[s.territoryKind] ?? s.territoryKind, s.population !== null ? plural(s.population, "habitant", "habitants") : null, s.departement ? `département ${s.departement}` : null].filter(Boolean).join(", ");
}

export type SearchProps = {
  ctx: PageContext;
  /** Where the form posts its GET and links go: "/reseau/fiches" or "/t/<code>/reseau". */
  base: string;
  sheetHref: (id: number) => string;
  filters: SheetFilters;
  themes: ThemeRow[];
  result: { items: SheetHit[]; total: number };
  page: number;
  pageSize: number;
  scope: "public" | "network";
  heading: string;
  intro?: preact.ComponentChildren;
  aside?: preact.ComponentChildren;
};

/** The search form with its filters, then ranked results with highlighted excerpts. */
export function SheetSearch(props: SearchProps) {
  const { filters, themes, result } = props;
  const themeLabel = new Map(themes.map((t) => [t.code, t.label]));
  const query = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ q: filters.q, theme: filters.theme, type: filters.kind, population: filters.band, departement: filters.departement, annee: filters.year })) if (v) p.set(k, String(v));
    if (page > 1) p.set("page", String(page));
    const s = p.toString();
    return s ? `${props.base}?${s}` : props.base;
  };
  return (
    <Layout ctx={props.ctx} title={filters.q ? `${props.heading} : ${filters.q}` : props.heading}>
      <h1 class="govuk-heading-l">{props.heading}</h1>
      {props.intro}
      {props.aside}
      <form method="get" action={props.base} class="maillage-filters" role="search">
        <TextInput name="q" type="search" label="Rechercher une expérience" hint="Par exemple : école numérique rurale, conseiller numérique, tiers-lieu" value={filters.q} />
        <Select name="theme" label="Thème" value={filters.theme} options={[{ value: "", text: "Tous les thèmes" }, ...themes.map((t) => ({ value: t.code, text: t.label }))]} />
        <Select name="type" label="Type de territoire" value={filters.kind} options={[{ value: "", text: "Tous" }, ...Object.entries(kindLabels).map(([value, text]) => ({ value, text }))]} />
        <Select name="population" label="Population" value={filters.band} options={[{ value: "", text: "Toutes" }, ...Object.entries(POPULATION_BANDS).map(([value, b]) => ({ value, text: b.label }))]} />
        <TextInput name="departement" label="Département" hint="Son code, par exemple 79" width="4" value={filters.departement} />
        <TextInput name="annee" label="Année" width="4" inputmode="numeric" value={filters.year ? String(filters.year) : ""} />
        <Button>Rechercher</Button>
      </form>
      <h2 class="govuk-heading-m" aria-live="polite">
        {result.total === 0 ? "Aucune fiche ne correspond" : plural(result.total, "fiche trouvée", "fiches trouvées")}
        {filters.q ? ` pour « ${filters.q} »` : ""}
      </h2>
      {result.items.length === 0 && filters.q ? <p class="govuk-body">Essayez moins de mots, ou retirez un filtre.</p> : null}
      <ol class="govuk-list maillage-results">
        {result.items.map((s) => (
          <li class="maillage-result">
            <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
              <a class="govuk-link" href={props.sheetHref(s.id)}>
                {s.title}
              </a>
            </h3>
            <p class="govuk-body-s govuk-!-margin-bottom-1">
              {s.territoryName} · {profile(s)} · {s.year}
              {props.scope === "network" && s.visibility === "brouillon" ? <> · <Tag colour="grey">Brouillon</Tag></> : null}
              {props.scope === "network" && s.visibility === "public" ? <> · <Tag colour="green">Publique</Tag></> : null}
            </p>
            <p class="govuk-body govuk-!-margin-bottom-1">{s.excerpt ? <Excerpt text={s.excerpt} /> : s.summary}</p>
            {s.themes.length > 0 ? <p class="govuk-body-s">{s.themes.map((c) => themeLabel.get(c) ?? c).join(" · ")}</p> : null}
          </li>
        ))}
      </ol>
      <Pagination page={props.page} pages={Math.max(1, Math.ceil(result.total / props.pageSize))} href={query} />
    </Layout>
  );
}

export type SheetPageProps = {
  ctx: PageContext;
  sheet: SheetDetail;
  themes: ThemeRow[];
  back: string;
  attachments: AttachmentRow[];
  /** Where the attachments download from: /reseau/fiches/<id> or /t/<code>/reseau/fiches/<id>. */
  attachmentBase: string;
  attachmentError?: string;
  /** Member territory view: contact, questions, marks, and the edit link when it is the territory's own. */
  member?: { own: boolean; editHref: string; questions: QuestionRow[]; marks: string[]; marked: boolean; postBase: string; canWrite: boolean; notice?: string };
};

export function SheetPage({ ctx, sheet, themes, back, member, attachments, attachmentBase, attachmentError }: SheetPageProps) {
  const themeLabel = new Map(themes.map((t) => [t.code, t.label]));
  const euros = sheet.budgetEuros !== null ? `${formatNumber(sheet.budgetEuros)} €` : "";
  const rows = [
    { key: "Territoire", value: `${sheet.territoryName} (${profile(sheet)})` },
    { key: "Année", value: String(sheet.year) },
    { key: "Thèmes", value: sheet.themes.map((c) => themeLabel.get(c) ?? c).join(", ") },
    { key: "Publics", value: sheet.audiences },
    { key: "Budget", value: euros },
    { key: "Financement", value: sheet.funding },
    { key: "Partenaires", value: sheet.partners },
    { key: "Équipe", value: sheet.staff },
    { key: "Dates", value: [sheet.startedOn ? `depuis le ${sheet.startedOn.split("-").reverse().join("/")}` : "", sheet.endedOn ? `jusqu'au ${sheet.endedOn.split("-").reverse().join("/")}` : ""].filter(Boolean).join(" ") },
  ].filter((r) => r.value);
  const roots = member?.questions.filter((q) => q.parentId === null) ?? [];
  return (
    <Layout ctx={ctx} title={sheet.title}>
      <a href={back} class="govuk-back-link">
        Retour aux fiches
      </a>
      {member?.notice === "question" ? <Notice title="Votre question est envoyée au territoire auteur." success /> : null}
      {member?.notice === "enregistree" ? <Notice title="La fiche est enregistrée." success /> : null}
      <span class="govuk-caption-l">Fiche d'expérience{sheet.demo ? " (démonstration)" : ""}</span>
      <h1 class="govuk-heading-l">{sheet.title}</h1>
      {member ? <p class="govuk-body"><Tag colour={sheet.visibility === "brouillon" ? "grey" : sheet.visibility === "public" ? "green" : "blue"}>{visibilityLabels[sheet.visibility]}</Tag></p> : null}
      {sheet.summary ? <p class="govuk-body-l">{sheet.summary}</p> : null}
      {sheet.figures.length > 0 ? (
        <ul class="govuk-list maillage-cards">
          {sheet.figures.map((f) => (
            <li class="maillage-card">
              <span class="maillage-card__value">{formatFigure(f)}</span>
              <span class="maillage-card__label">
                {figureLabels[f.key]} ({sheet.territoryName}, au {f.asOf.split("-").reverse().join("/")})
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <SummaryList rows={rows} />
      {sheet.body ? (
        <>
          <h2 class="govuk-heading-m">Ce que nous avons fait</h2>
          {sheet.body.split(/\n{2,}/).map((p) => <p class="govuk-body maillage-pre-line">{p}</p>)}
        </>
      ) : null}
      {sheet.results ? (
        <>
          <h2 class="govuk-heading-m">Résultats</h2>
          <p class="govuk-body maillage-pre-line">{sheet.results}</p>
        </>
      ) : null}
      {sheet.lessons ? (
        <>
          <h2 class="govuk-heading-m">Ce que nous referions autrement</h2>
          <p class="govuk-body maillage-pre-line">{sheet.lessons}</p>
        </>
      ) : null}
      {attachments.length > 0 || member?.own ? <h2 class="govuk-heading-m">Documents</h2> : null}
      {attachments.length > 0 ? (
        <ul class="govuk-list">
          {attachments.map((f) => (
            <li>
              <a class="govuk-link" href={`${attachmentBase}/pieces/${f.id}`}>
                {f.filename}
              </a>{" "}
              ({f.mediaType === "application/pdf" ? "PDF" : "image"}, {formatNumber(Math.max(1, Math.round(f.size / 1024)))} ko)
              {member?.own && member.canWrite ? (
                <form method="post" action={`${attachmentBase}/pieces/${f.id}/supprimer`} class="maillage-inline-form">
                  <CsrfField token={ctx.csrfToken} />
                  <button type="submit" class="maillage-link-button">
                    Retirer<span class="govuk-visually-hidden"> {f.filename}</span>
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {member?.own && member.canWrite ? (
        <form method="post" action={`${attachmentBase}/pieces`} enctype="multipart/form-data" novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <div class={`govuk-form-group${attachmentError ? " govuk-form-group--error" : ""}`}>
            <label class="govuk-label" for="champ-fichier">
              Joindre un document
            </label>
            <div class="govuk-hint" id="champ-fichier-hint">
              PDF ou image JPEG, PNG ou WebP, 10 Mo au plus.
            </div>
            {attachmentError ? (
              <p class="govuk-error-message" id="champ-fichier-error">
                <span class="govuk-visually-hidden">Erreur : </span>
                {attachmentError}
              </p>
            ) : null}
            <input class="govuk-file-upload" id="champ-fichier" name="fichier" type="file" accept="application/pdf,image/jpeg,image/png,image/webp" aria-describedby={attachmentError ? "champ-fichier-hint champ-fichier-error" : "champ-fichier-hint"} />
          </div>
          <Button secondary>Joindre le document</Button>
        </form>
      ) : null}
      {member ? (
        <>
          {sheet.contact ? (
            <>
              <h2 class="govuk-heading-m">Contact</h2>
              <p class="govuk-body maillage-pre-line">{sheet.contact}</p>
            </>
          ) : null}
          <p class="govuk-body">
            <a class="govuk-link" href={`${back}/semblables?fiche=${sheet.id}`}>
              Les territoires semblables à {sheet.territoryName}, et leurs fiches
            </a>
          </p>
          {member.own ? (
            <p class="govuk-body">
              <a class="govuk-link" href={member.editHref}>
                Modifier la fiche ou sa visibilité
              </a>
            </p>
          ) : null}
          <h2 class="govuk-heading-m">Nous l'avons fait aussi</h2>
          <p class="govuk-body">{member.marks.length === 0 ? "Aucun territoire ne l'a encore signalé." : member.marks.join(", ")}</p>
          {!member.own && member.canWrite ? (
            <form method="post" action={`${member.postBase}/marque`}>
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="marque" value={member.marked ? "non" : "oui"} />
              <Button secondary>{member.marked ? "Retirer « nous l'avons fait aussi »" : "Nous l'avons fait aussi"}</Button>
            </form>
          ) : null}
          <h2 class="govuk-heading-m">Questions au territoire auteur</h2>
          {roots.length === 0 ? <p class="govuk-body">Aucune question pour l'instant.</p> : null}
          {roots.map((q) => (
            <div class="govuk-inset-text">
              <p class="govuk-body-s govuk-!-margin-bottom-1">{q.territoryName}</p>
              <p class="govuk-body maillage-pre-line">{q.body}</p>
              {member.questions
                .filter((a) => a.parentId === q.id)
                .map((a) => (
                  <div class="maillage-reply">
                    <p class="govuk-body-s govuk-!-margin-bottom-1">Réponse de {a.territoryName}</p>
                    <p class="govuk-body maillage-pre-line">{a.body}</p>
                  </div>
                ))}
              {member.canWrite ? (
                <form method="post" action={`${member.postBase}/questions`}>
                  <CsrfField token={ctx.csrfToken} />
                  <input type="hidden" name="parent" value={String(q.id)} />
                  <Textarea name={`reponse-${q.id}`} label="Répondre" rows={2} />
                  <Button secondary>Envoyer la réponse</Button>
                </form>
              ) : null}
            </div>
          ))}
          {!member.own && member.canWrite ? (
            <form method="post" action={`${member.postBase}/questions`}>
              <CsrfField token={ctx.csrfToken} />
              <Textarea name="question" label="Poser une question" hint="Le territoire auteur la reçoit par courriel ; les territoires membres la lisent avec sa réponse." rows={3} />
              <Button>Envoyer la question</Button>
            </form>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}

export function SheetFormPage({ ctx, action, values, errors, themes, editing }: { ctx: PageContext; action: string; values: SheetRaw; errors: FieldErrors; themes: ThemeRow[]; editing: boolean }) {
  const field = formFields(values, errors);
  const chosen = (values.themes ?? "").split("|").filter(Boolean);
  return (
    <Layout ctx={ctx} title={editing ? "Modifier la fiche" : "Nouvelle fiche d'expérience"} hasErrors={Object.keys(errors).length > 0}>
      <ErrorSummary errors={errors} />
      <h1 class="govuk-heading-l">{editing ? "Modifier la fiche d'expérience" : "Nouvelle fiche d'expérience"}</h1>
      <p class="govuk-body">Racontez ce que votre territoire a fait, pour que d'autres s'en inspirent. Le profil de votre territoire (type, population, département) vient de la géographie officielle.</p>
      <form method="post" action={action} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput {...field("titre")} label="Titre" />
        <Textarea {...field("resume")} label="Résumé" hint="Deux ou trois phrases." rows={3} />
        <Textarea {...field("texte")} label="Ce que vous avez fait" rows={8} />
        <Checkboxes name="themes" label="Thèmes" error={errors.themes} options={themes.map((t) => ({ value: t.code, text: t.label, checked: chosen.includes(t.code) }))} small />
        <Textarea {...field("publics")} label="Publics" hint="Par exemple : écoles élémentaires, personnes âgées, demandeurs d'emploi." rows={2} />
        <TextInput {...field("budget_euros")} label="Budget, en euros" width="10" inputmode="numeric" />
        <Textarea {...field("financement")} label="Financement" rows={2} />
        <Textarea {...field("partenaires")} label="Partenaires" rows={2} />
        <Textarea {...field("equipe")} label="Équipe" hint="Qui a porté l'action, combien de personnes." rows={2} />
        <TextInput {...field("annee")} label="Année" width="4" inputmode="numeric" />
        <TextInput {...field("debut")} type="date" label="Début" width="10" />
        <TextInput {...field("fin")} type="date" label="Fin" hint="Laissez vide si l'action continue." width="10" />
        <Textarea {...field("resultats")} label="Résultats, avec des chiffres" rows={4} />
        <Textarea {...field("lecons")} label="Ce que nous referions autrement" rows={4} />
        <Checkboxes
          name="chiffres"
          label="Chiffres de votre territoire à montrer sur la fiche"
          hint="Calculés à l'enregistrement de la fiche, datés."
          small
          options={sheetFigureKeys.map((k) => ({ value: k, text: figureLabels[k], checked: (values.chiffres ?? "").split("|").includes(k) }))}
        />
        <Textarea {...field("contact")} label="Contact" hint="Montré aux territoires membres du réseau seulement, jamais sur les pages publiques." rows={2} />
        <Radios
          name="visibilite"
          label="Visibilité"
          error={errors.visibilite}
          value={values.visibilite || "brouillon"}
          options={[
            { value: "brouillon", text: visibilityLabels.brouillon },
            { value: "reseau", text: visibilityLabels.reseau, hint: "Les territoires membres la lisent et peuvent vous poser des questions." },
            { value: "public", text: visibilityLabels.public, hint: "Tout le monde la lit, sans le contact ; elle entre dans les données ouvertes." },
          ]}
        />
        <Button>Enregistrer la fiche</Button>
      </form>
    </Layout>
  );
}
