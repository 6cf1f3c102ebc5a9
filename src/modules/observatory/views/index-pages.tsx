// The fragility index: the communes by index with what weighs most, the saved versions, the form of a new
// version (weights per criterion), and two versions side by side.
import { formatShare } from "../../connectivity/domain/shares.js";
import { LinkButton, Notice, PageHeading, Table } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, Select, TextInput, Textarea, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { CRITERIA, criterionLabel, type Contribution, type RankChange } from "../domain/fragility-index.js";
import type { IndexVersion, ScoredCommune } from "../index.queries.js";
import { ObservatorySubNav } from "./sub-nav.js";

const dec = (n: number, digits = 1) => n.toLocaleString("fr-FR", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** "Part des 65 ans et plus : 31,0 % (rang 35 sur 38, note 9,3 × poids 0,20 = 1,86)". */
export function explainContribution(c: Contribution): string {
  return `${criterionLabel(c.key)} : ${formatShare(c.value)} (rang ${dec(c.rank, c.rank % 1 === 0 ? 0 : 1)} sur ${c.of}, note ${dec(c.score)} × poids ${dec(c.weight, 2)} = ${dec(c.contribution, 2)})`;
}

/** Flags of a commune's index: renormalised weights, the intercommunality's value used. */
export function indexFlags(row: Pick<ScoredCommune, "score" | "fallbacks">): string[] {
  const flags: string[] = [];
  if (row.score.missing.length > 0) flags.push(`sans ${row.score.missing.map(criterionLabel).join(", ").toLowerCase()} : poids répartis sur les autres critères`);
  for (const key of row.fallbacks) if (row.score.contributions.some((c) => c.key === key)) flags.push(`${criterionLabel(key).toLowerCase()} de l'intercommunalité (valeur communale secrète)`);
  return flags;
}

function Weights({ version }: { version: IndexVersion }) {
  return (
    <ul class="govuk-list govuk-list--bullet">
      {Object.entries(version.weights)
        .filter(([, w]) => w > 0)
        .map(([key, w]) => (
          <li>
            {criterionLabel(key)} : {dec(w, 2)}
          </li>
        ))}
    </ul>
  );
}

/** /t/:code/observatoire/indice */
export function IndexPage({ ctx, version, communes, versions, canManage, notice }: { ctx: PageContext; version: IndexVersion; communes: ScoredCommune[]; versions: IndexVersion[]; canManage: boolean; notice?: string | undefined }) {
  const base = `/t/${ctx.territory!.code}`;
  return (
    <Layout ctx={ctx} title="Indice de fragilité numérique" wide>
      {notice === "version" ? <Notice title="La version de l'indice a été enregistrée et devient la version en vigueur." success /> : null}
      {notice === "courante" ? <Notice title="La version en vigueur a été changée." success /> : null}
      <PageHeading caption={ctx.territory!.name}>Indice de fragilité numérique</PageHeading>
      <ObservatorySubNav ctx={ctx} current="indice" />
      <p class="govuk-body">
        Version : <strong>{version.name}</strong>. Chaque critère est orienté (plus haut = plus fragile), noté de 1 à 10 selon le rang de la commune parmi
        celles du territoire (ensemble de référence ; ex aequo au rang moyen ; note = 1 + 9 × (rang − 1) ÷ (nombre − 1)), puis pondéré :
      </p>
      <Weights version={version} />
      <p class="govuk-body">Quand un critère manque pour une commune, ses poids sont répartis sur les autres et la commune est signalée.</p>
      {canManage ? (
        <div class="govuk-button-group">
          <LinkButton href={`${base}/observatoire/indice/nouvelle-version`}>Modifier les poids (nouvelle version)</LinkButton>
          {versions.length > 0 ? (
            <LinkButton href={`${base}/observatoire/indice/comparer`} secondary>
              Comparer deux versions
            </LinkButton>
          ) : null}
        </div>
      ) : null}
      <Table
        caption="Communes, de la plus fragile à la moins fragile"
        rows={communes}
        empty="Aucune commune."
        columns={[
          { header: "Rang", cell: (r) => (r.rank === null ? "—" : String(r.rank)), numeric: true },
          { header: "Commune", cell: (r) => <a class="govuk-link" href={`${base}/communes/${r.commune.insee}`}>{r.commune.name}</a> },
          { header: "Indice", cell: (r) => (r.score.index === null ? "—" : dec(r.score.index)), numeric: true },
          { header: "Ce qui pèse le plus", cell: (r) => (r.score.contributions[0] ? explainContribution(r.score.contributions[0]) : "aucun critère connu") },
          { header: "À savoir", cell: (r) => indexFlags(r).join(" ; ") || "—" },
        ]}
      />
      {versions.length > 0 ? (
        <>
          <h2 class="govuk-heading-m">Versions enregistrées</h2>
          <Table
            caption="Versions de l'indice"
            rows={versions}
            columns={[
              { header: "Nom", cell: (v) => v.name },
              { header: "Poids", cell: (v) => Object.entries(v.weights).filter(([, w]) => w > 0).map(([k, w]) => `${criterionLabel(k)} ${dec(w, 2)}`).join(" ; ") },
              {
                header: "État",
                cell: (v) =>
                  v.isCurrent ? (
                    "En vigueur"
                  ) : canManage ? (
                    <form method="post" action={`${base}/observatoire/indice/courante`}>
                      <CsrfField token={ctx.csrfToken} />
                      <input type="hidden" name="version" value={String(v.id)} />
                      <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                        Mettre en vigueur<span class="govuk-visually-hidden"> {v.name}</span>
                      </button>
                    </form>
                  ) : (
                    "—"
                  ),
              },
            ]}
          />
        </>
      ) : null}
    </Layout>
  );
}

export type VersionFormValues = { nom: string; note: string } & Record<string, string>;

/** The form of a new version: a weight per criterion (0 = not used), Σ = 1. */
export function IndexVersionFormPage({ ctx, values, errors = {} }: { ctx: PageContext; values: VersionFormValues; errors?: FieldErrors }) {
  const base = `/t/${ctx.territory!.code}/observatoire/indice`;
  return (
    <Layout ctx={ctx} title="Nouvelle version de l'indice" hasErrors={Object.keys(errors).length > 0}>
      <a href={base} class="govuk-back-link">
        Retour à l'indice
      </a>
      <ErrorSummary errors={errors} />
      <PageHeading caption="Indice de fragilité numérique">Nouvelle version de l'indice</PageHeading>
      <p class="govuk-body">Donnez un poids entre 0 et 1 à chaque critère retenu (0 : critère non retenu). La somme des poids doit faire 1.</p>
      <form method="post" action={`${base}/nouvelle-version`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <TextInput name="nom" label="Nom de la version" hint="Par exemple « 2027, couverture renforcée »" value={values.nom} error={errors.nom} />
        {errors.poids ? (
          <div class="govuk-form-group govuk-form-group--error">
            <p id="poids" class="govuk-error-message">
              <span class="govuk-visually-hidden">Erreur :</span> {errors.poids}
            </p>
          </div>
        ) : null}
        {CRITERIA.map((c) => (
          <TextInput name={`poids_${c.key}`} label={c.label} hint={c.description} value={values[`poids_${c.key}`]} error={errors[`poids_${c.key}`]} inputmode="decimal" width="4" />
        ))}
        <Textarea name="note" label="Pourquoi cette version ? (facultatif)" value={values.note} error={errors.note} rows={3} />
        <Button>Enregistrer et mettre en vigueur</Button>
      </form>
    </Layout>
  );
}

/** Two versions side by side: which communes change rank. */
export function IndexComparePage({ ctx, versions, a, b, changes, names }: { ctx: PageContext; versions: IndexVersion[]; a: IndexVersion; b: IndexVersion; changes: RankChange[]; names: Map<string, string> }) {
  const base = `/t/${ctx.territory!.code}`;
  const options = [{ value: "defaut", text: "Indice par défaut (5 critères à 0,2)" }, ...versions.map((v) => ({ value: String(v.id), text: v.name }))];
  const moved = changes.filter((c) => c.change !== 0).length;
  const movement = (c: RankChange) => (c.change === 0 ? "inchangé" : c.change > 0 ? `gagne ${c.change} place${c.change > 1 ? "s" : ""} (plus fragile)` : `perd ${-c.change} place${c.change < -1 ? "s" : ""} (moins fragile)`);
  return (
    <Layout ctx={ctx} title="Comparer deux versions de l'indice" wide>
      <a href={`${base}/observatoire/indice`} class="govuk-back-link">
        Retour à l'indice
      </a>
      <PageHeading caption="Indice de fragilité numérique">Comparer deux versions</PageHeading>
      <form method="get" action={`${base}/observatoire/indice/comparer`}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-half">
            <Select name="a" label="Version A" options={options} value={a.id === null ? "defaut" : String(a.id)} />
          </div>
          <div class="govuk-grid-column-one-half">
            <Select name="b" label="Version B" options={options} value={b.id === null ? "defaut" : String(b.id)} />
          </div>
        </div>
        <Button secondary>Comparer</Button>
      </form>
      <p class="govuk-body">
        {moved} commune{moved > 1 ? "s changent" : " change"} de rang entre « {a.name} » et « {b.name} » (rang 1 = la plus fragile).
      </p>
      <Table
        caption={`Rangs selon « ${a.name} » et « ${b.name} », les plus grands changements d'abord`}
        rows={changes}
        columns={[
          { header: "Commune", cell: (c) => <a class="govuk-link" href={`${base}/communes/${c.code}`}>{names.get(c.code) ?? c.code}</a> },
          { header: "Indice A", cell: (c) => (c.indexA === null ? "—" : dec(c.indexA)), numeric: true },
          { header: "Rang A", cell: (c) => (c.rankA === null ? "—" : String(c.rankA)), numeric: true },
          { header: "Indice B", cell: (c) => (c.indexB === null ? "—" : dec(c.indexB)), numeric: true },
          { header: "Rang B", cell: (c) => (c.rankB === null ? "—" : String(c.rankB)), numeric: true },
          { header: "De A à B", cell: movement },
        ]}
      />
    </Layout>
  );
}
