// Pieces of the planner pages: the parameters form, the strategies side by side, the Lorenz curves, the
// allocations and the ranked log, and the model's documentation.
import { formatNumber } from "../../../lib/format.js";
import { Table, TableScroll } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField, TextInput, type FieldErrors } from "../../../ui/form.js";
import { formatShare } from "../../connectivity/domain/shares.js";
import { LEVER_KEYS, LEVER_LABELS, STRATEGY_LABELS, type StrategyKey, type StrategyResult } from "../domain/planner.js";
import type { PlannerFormValues } from "../planner-form.js";

export const euros = (n: number) => `${formatNumber(Math.round(n))}\u00a0€`;
const dec = (n: number, d = 1) => n.toLocaleString("fr-FR", { minimumFractionDigits: d, maximumFractionDigits: d });
const STRATEGIES: StrategyKey[] = ["saupoudrage", "concentration", "optimise"];

/** The parameters form: "Calculer" shows the result, "Enregistrer" saves it as a scenario. */
export function PlannerForm({ ctx, action, values, errors, saveLabel }: { ctx: PageContext; action: string; values: PlannerFormValues; errors: FieldErrors; saveLabel: string }) {
  const input = (name: string, label: string, hint?: string, width: "4" | "5" | "10" | "20" = "5") => (
    <TextInput name={name} label={label} hint={hint} value={values[name]} error={errors[name]} inputmode="decimal" width={width} />
  );
  return (
    <form method="post" action={action} novalidate>
      <CsrfField token={ctx.csrfToken} />
      {errors.parametres ? (
        <p class="govuk-error-message" id="parametres">
          <span class="govuk-visually-hidden">Erreur :</span> {errors.parametres}
        </p>
      ) : null}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          {input("budget", "Budget (en euros)", "Par exemple 150 000", "10")}
          {input("pas", "Pas de répartition (en euros)", "Le budget est réparti par blocs de ce montant, par exemple 500")}
          {input("recours", "Taux de recours (en %)", "Part des personnes dans le besoin qui profitent d'une action, par exemple 60")}
          {input("besoin", "Part de la population à accompagner (en %)", "Modulée par l'indice de fragilité de chaque commune, par exemple 15")}
          {input("equite", "Poids d'équité α", "0 : seul compte le nombre de bénéficiaires ; 1 ou 2 : les communes fragiles comptent davantage")}
          {input("couplage", "Couplage formation ÷ équipement", "1 : chaque euro d'équipement va avec au moins un euro de formation (règle 1:1:1) ; vide : pas de couplage")}
        </div>
        <div class="govuk-grid-column-one-half">
          {LEVER_KEYS.map((key) => (
            <fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
              <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{LEVER_LABELS[key].label}</legend>
              <div class="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-2">
                <div class="govuk-checkboxes__item">
                  <input class="govuk-checkboxes__input" id={`champ-${key}-actif`} name={`${key}_actif`} type="checkbox" value="oui" checked={values[`${key}_actif`] === "oui"} />
                  <label class="govuk-label govuk-checkboxes__label" for={`champ-${key}-actif`}>
                    Levier utilisé
                  </label>
                </div>
              </div>
              {input(`${key}_cout`, `Coût par ${LEVER_LABELS[key].unit} (en euros)`, undefined, "5")}
              {input(`${key}_seuil`, `Seuil d'efficacité (en ${LEVER_LABELS[key].units})`, "En dessous, l'action ne compte pas", "5")}
              {input(`${key}_rythme`, `Rythme (${LEVER_LABELS[key].units} par personne)`, "Plus il est grand, plus il faut de moyens pour approcher la saturation", "5")}
            </fieldset>
          ))}
        </div>
      </div>
      <div class="govuk-button-group">
        <Button name="action" value="calculer">
          Calculer
        </Button>
      </div>
      <TextInput name="nom" label="Nom du scénario (pour l'enregistrer)" value={values.nom} error={errors.nom} width="20" />
      <Button secondary name="action" value="enregistrer">
        {saveLabel}
      </Button>
    </form>
  );
}

/** The three strategies side by side. */
export function StrategiesTable({ plan, caption }: { plan: Record<StrategyKey, StrategyResult>; caption: string }) {
  const metrics: { label: string; cell: (s: StrategyResult) => string }[] = [
    { label: "Budget réparti", cell: (s) => euros(s.spent) },
    { label: "Personnes aidées (bénéfice total)", cell: (s) => dec(s.benefit) },
    { label: "Bénéfice pondéré par l'équité", cell: (s) => dec(s.weightedBenefit) },
    { label: "Communes atteintes au-dessus d'un seuil", cell: (s) => formatNumber(s.reached) },
    { label: "Part du budget au cinquième le plus fragile", cell: (s) => formatShare(s.topQuintileShare) },
    { label: "Gini de la couverture (0 = égale)", cell: (s) => dec(s.gini, 2) },
    { label: "Communes financées effectives (1 ÷ HHI)", cell: (s) => (s.hhi > 0 ? dec(1 / s.hhi) : "—") },
  ];
  return (
    <TableScroll label={String(caption)}>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">Mesure</th>
            {STRATEGIES.map((k) => (
              <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                {STRATEGY_LABELS[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {metrics.map((m) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {m.label}
              </th>
              {STRATEGIES.map((k) => (
                <td class="govuk-table__cell govuk-table__cell--numeric">{m.cell(plan[k])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const DASH: Record<StrategyKey, string | undefined> = { saupoudrage: "2 5", concentration: "10 5", optimise: undefined };

/** Lorenz curves of coverage, one per strategy (dash pattern and label, not colour alone), with their data. */
export function LorenzChart({ plan }: { plan: Record<StrategyKey, StrategyResult> }) {
  const size = 320;
  const pad = 40;
  const s = size - 2 * pad;
  const pt = (p: { x: number; y: number }) => `${(pad + p.x * s).toFixed(1)},${(pad + (1 - p.y) * s).toFixed(1)}`;
  return (
    <figure class="maillage-figure govuk-!-margin-0 govuk-!-margin-bottom-6" id="lorenz">
      <figcaption class="govuk-heading-s">Courbes de Lorenz de la couverture du besoin, par stratégie</figcaption>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-half">
          <svg class="maillage-chart" viewBox={`0 0 ${size} ${size}`} width={size} height={size} role="img" aria-labelledby="lorenz-titre lorenz-resume" focusable="false">
            <title id="lorenz-titre">Courbes de Lorenz</title>
            <desc id="lorenz-resume">{`Plus une courbe s'éloigne de la diagonale, plus la couverture est inégale. Gini : ${STRATEGIES.map((k) => `${STRATEGY_LABELS[k]} ${dec(plan[k].gini, 2)}`).join(", ")}. Les valeurs sont dans le tableau.`}</desc>
            <rect x={pad} y={pad} width={s} height={s} fill="none" stroke="#b1b4b6" />
            <line x1={pad} y1={pad + s} x2={pad + s} y2={pad} stroke="#b1b4b6" stroke-dasharray="1 3" />
            {STRATEGIES.map((k) => (
              <polyline points={plan[k].lorenz.map(pt).join(" ")} fill="none" stroke="#1d70b8" stroke-width="2.5" stroke-dasharray={DASH[k]} />
            ))}
            <text x={pad} y={size - 10} font-size="13" fill="#0b0c0c">
              part des communes →
            </text>
            <text x={8} y={pad - 10} font-size="13" fill="#0b0c0c">
              ↑ part de la couverture
            </text>
          </svg>
          <ul class="govuk-list">
            {STRATEGIES.map((k) => (
              <li>
                <svg width="40" height="10" aria-hidden="true" focusable="false">
                  <line x1="0" y1="5" x2="40" y2="5" stroke="#1d70b8" stroke-width="2.5" stroke-dasharray={DASH[k]} />
                </svg>{" "}
                {STRATEGY_LABELS[k]} ({k === "optimise" ? "trait plein" : k === "concentration" ? "tirets longs" : "pointillés"})
              </li>
            ))}
          </ul>
        </div>
        <div class="govuk-grid-column-one-half">
          <TableScroll label="Données des courbes de Lorenz">
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-visually-hidden">Données des courbes de Lorenz</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Part des communes</th>
                  {STRATEGIES.map((k) => (
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                      {STRATEGY_LABELS[k]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {[0.2, 0.4, 0.6, 0.8, 1].map((q) => (
                  <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">
                      {formatShare(q, 0)}
                    </th>
                    {STRATEGIES.map((k) => {
                      const points = plan[k].lorenz;
                      const at = points.find((p) => p.x >= q - 1e-9) ?? points.at(-1)!;
                      return <td class="govuk-table__cell govuk-table__cell--numeric">{formatShare(at.y, 0)}</td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
      </div>
    </figure>
  );
}

/** Allocations per commune and the ranked log of one strategy. */
export function StrategyDetail({ result, base }: { result: StrategyResult; base: string }) {
  const funded = result.units.filter((u) => u.euros > 0).sort((a, b) => b.euros - a.euros);
  return (
    <>
      <Table
        caption={`${STRATEGY_LABELS[result.key]} : répartition par commune (${funded.length} communes financées)`}
        rows={funded}
        empty="Aucune commune financée."
        columns={[
          { header: "Commune", cell: (u) => <a class="govuk-link" href={`${base}/communes/${u.code}`}>{u.name}</a> },
          { header: "Indice", cell: (u) => (u.fragility === null ? "—" : dec(u.fragility)), numeric: true },
          ...LEVER_KEYS.map((k) => ({ header: LEVER_LABELS[k].label, cell: (u: (typeof funded)[number]) => euros(u.allocation[k]), numeric: true })),
          { header: "Personnes aidées", cell: (u) => dec(u.benefit), numeric: true },
          { header: "Besoin couvert", cell: (u) => formatShare(u.coverage), numeric: true },
        ]}
      />
      <Table
        caption={`${STRATEGY_LABELS[result.key]} : journal des allocations, du meilleur rendement au moindre`}
        rows={result.log.slice(0, 150)}
        empty="Rien n'a été alloué."
        columns={[
          { header: "Bloc", cell: (e) => `${euros(e.euros)} de ${LEVER_LABELS[e.lever].label.toLowerCase()}` },
          { header: "Commune", cell: (e) => e.name },
          { header: "Personnes pour 1 000 €", cell: (e) => dec(e.perThousand, 2), numeric: true },
          { header: "Raison", cell: (e) => e.reason },
        ]}
      />
    </>
  );
}

/** What the model computes, shown on the planner pages. */
export function ModelDocumentation() {
  return (
    <details class="govuk-details">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">Le modèle de calcul</span>
      </summary>
      <div class="govuk-details__text">
        <p class="govuk-body">
          Besoin d'une commune : population × part à accompagner × indice de la commune ÷ indice moyen. Pour chaque levier, x unités
          achetées (euros ÷ coût unitaire) aident 0 personne sous le seuil d'efficacité, puis recours × besoin × (1 − e<sup>−x ÷ (rythme × besoin)</sup>) :
          les premiers euros au-dessus du seuil rapportent le plus, les suivants de moins en moins, jusqu'à saturer le besoin.
        </p>
        <p class="govuk-body">
          Les heures de médiation ne vont qu'aux communes qui ont un lieu. Avec un couplage ρ, la formation reçoit au moins ρ fois les euros
          d'équipement. Le poids d'équité d'une commune vaut (indice ÷ indice moyen)<sup>α</sup>.
        </p>
        <p class="govuk-body">
          Trois stratégies : répartir également (chaque commune reçoit la même somme, partagée entre les leviers), concentrer sur le cinquième
          le plus fragile (à parts égales, chacune au mieux entre les leviers), et optimisé : la meilleure somme des bénéfices pondérés pour le
          budget, calculée exactement par blocs du pas choisi (programmation dynamique), sans jamais financer un levier sous son seuil.
        </p>
        <p class="govuk-body">
          Couverture d'une commune : personnes aidées ÷ besoin. Gini = Σ(2i − n − 1)·y<sub>(i)</sub> ÷ (n²·ȳ) sur les couvertures triées ; courbe
          de Lorenz : (i ÷ n, part cumulée de la couverture) ; HHI = Σ des carrés des parts du budget (1 ÷ HHI = nombre effectif de communes financées).
        </p>
      </div>
    </details>
  );
}
