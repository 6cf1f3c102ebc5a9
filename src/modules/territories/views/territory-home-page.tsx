// A territory's home: each role sees its day first (a mediator's appointments and records to write, what needs a
// coordinator's attention, a school referent's schools and incidents, an elected official's figures), then the
// territory's communes and the entry points its roles open.
import { formatDateTime, formatNumber, formatTime } from "../../../lib/format.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import { roleLabels, type PlatformAction } from "../../accounts/accounts.policy.js";
import { RECORD_BACKLOG_DAYS, type Attention, type DayAppointment, type KeyFigures, type RecordToWrite, type ReferentSchool } from "../home.queries.js";

/** What the page shows for each role the person holds in the territory (absent: the role is not held). */
export type HomeSections = {
  day?: { mine: boolean; appointments: DayAppointment[]; toWrite: RecordToWrite[] };
  attention?: Attention;
  schools?: ReferentSchool[];
  figures?: KeyFigures;
};

type Props = { ctx: PageContext; communes: number; population: number; groups: number; abilities: Set<PlatformAction>; sections: HomeSections };

const statusText: Record<DayAppointment["status"], string> = { a_venir: "à venir", honore: "vu", absent: "absent", annule_personne: "annulé", annule_service: "annulé" };

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n > 1 ? many : one}`;

function Day({ code, day }: { code: string; day: NonNullable<HomeSections["day"]> }) {
  return (
    <section aria-labelledby="titre-journee">
      <h2 class="govuk-heading-l" id="titre-journee">
        {day.mine ? "Votre journée" : "La journée du réseau"}
      </h2>
      {day.appointments.length === 0 ? (
        <p class="govuk-body">Aucun rendez-vous aujourd'hui.</p>
      ) : (
        <ul class="govuk-list maillage-day-list">
          {day.appointments.map((a) => (
            <li>
              <strong>
                {formatTime(a.startsAt)} – {formatTime(a.endsAt)}
              </strong>{" "}
              · {a.motifName} · {a.placeName}
              {day.mine ? "" : ` · ${a.mediatorName}`} · {statusText[a.status]}
              {a.activityId !== null ? (
                <>
                  {" "}
                  · <a class="govuk-link" href={`/t/${code}/accompagnements/${a.activityId}`}>Voir le compte rendu</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={`/t/${code}/agenda`}>Ouvrir l'agenda</a> pour marquer les rendez-vous vus ou absents.
      </p>
      <h3 class="govuk-heading-m">Comptes rendus à écrire</h3>
      {day.toWrite.length === 0 ? (
        <p class="govuk-body">Tous les rendez-vous vus des {RECORD_BACKLOG_DAYS} derniers jours ont leur compte rendu.</p>
      ) : (
        <ul class="govuk-list">
          {day.toWrite.map((r) => (
            <li>
              <a class="govuk-link" href={`/t/${code}/accompagnements/nouveau?rendez-vous=${r.id}`}>
                Rendez-vous du {formatDateTime(r.startsAt)}
              </a>{" "}
              ({r.motifName})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AttentionList({ code, attention }: { code: string; attention: Attention }) {
  const items = [
    { n: attention.outcomesMissing, text: (n: number) => `${plural(n, "rendez-vous passé", "rendez-vous passés")} sans issue (vu ou absent)`, href: `/t/${code}/agenda?vue=semaine` },
    { n: attention.recordsMissing, text: (n: number) => `${plural(n, "rendez-vous vu", "rendez-vous vus")} sans compte rendu`, href: `/t/${code}/agenda?vue=semaine` },
    { n: attention.openIncidents, text: (n: number) => `${plural(n, "incident ouvert", "incidents ouverts")} dans les écoles`, href: `/t/${code}/incidents` },
    { n: attention.unpublishedPlaces, text: (n: number) => `${plural(n, "lieu non publié", "lieux non publiés")} dans le trouveur`, href: `/t/${code}/lieux` },
  ].filter((i) => i.n > 0);
  return (
    <section aria-labelledby="titre-attention">
      <h2 class="govuk-heading-l" id="titre-attention">
        À suivre
      </h2>
      <p class="govuk-body">{plural(attention.appointmentsToday, "rendez-vous", "rendez-vous")} aujourd'hui dans le réseau.</p>
      {items.length === 0 ? (
        <p class="govuk-body">Rien n'attend votre attention.</p>
      ) : (
        <ul class="govuk-list govuk-list--bullet">
          {items.map((i) => (
            <li>
              <a class="govuk-link" href={i.href}>
                {i.text(i.n)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Schools({ code, schools }: { code: string; schools: ReferentSchool[] }) {
  return (
    <section aria-labelledby="titre-ecoles">
      <h2 class="govuk-heading-l" id="titre-ecoles">
        {schools.length > 1 ? "Vos écoles" : "Votre école"}
      </h2>
      {schools.length === 0 ? <p class="govuk-body">Vous n'êtes rattaché ou rattachée à aucune école : demandez-le à la coordination.</p> : null}
      {schools.map((s) => (
        <div class="govuk-!-margin-bottom-6">
          <h3 class="govuk-heading-m">
            <a class="govuk-link" href={`/t/${code}/ecoles/${s.id}`}>
              {s.name}
            </a>
          </h3>
          {s.openIncidents.length === 0 ? (
            <p class="govuk-body">Aucun incident ouvert.</p>
          ) : (
            <ul class="govuk-list">
              {s.openIncidents.map((i) => (
                <li>
                  <a class="govuk-link" href={`/t/${code}/incidents/${i.id}`}>
                    Incident n° {i.id}
                  </a>{" "}
                  ({i.status === "nouveau" ? "nouveau" : "en cours"}) : {i.description.length > 80 ? `${i.description.slice(0, 79)}…` : i.description}
                </li>
              ))}
            </ul>
          )}
          <p class="govuk-body">
            <a class="govuk-link" href={`/t/${code}/incidents/nouveau?ecole=${s.id}`}>
              Signaler un équipement en panne
            </a>
          </p>
        </div>
      ))}
    </section>
  );
}

function Figures({ code, figures, population }: { code: string; figures: KeyFigures; population: number }) {
  return (
    <section aria-labelledby="titre-chiffres">
      <h2 class="govuk-heading-l" id="titre-chiffres">
        Le territoire en chiffres
      </h2>
      <dl class="govuk-summary-list">
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Habitants</dt>
          <dd class="govuk-summary-list__value">{formatNumber(population)}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Lieux d'aide au numérique ouverts au public</dt>
          <dd class="govuk-summary-list__value">{formatNumber(figures.publishedPlaces)}</dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Personnes accompagnées sur 12 mois</dt>
          <dd class="govuk-summary-list__value">
            {formatNumber(figures.peopleLastYear)}, dont {plural(figures.workshopsLastYear, "atelier collectif", "ateliers collectifs")}
          </dd>
        </div>
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">Écoles suivies</dt>
          <dd class="govuk-summary-list__value">{formatNumber(figures.schools)}</dd>
        </div>
      </dl>
      <p class="govuk-body">
        <a class="govuk-link" href={`/t/${code}/observatoire`}>Observatoire : chaque commune et ses indicateurs</a> ·{" "}
        <a class="govuk-link" href={`/t/${code}/statistiques`}>Statistiques des accompagnements</a>
      </p>
    </section>
  );
}

/** The territory dashboard. */
export function TerritoryHomePage({ ctx, communes, population, groups, abilities, sections }: Props) {
  const territory = ctx.territory!;
  const code = territory.code;
  const roles = ctx.actor?.memberships.find((m) => m.territoryId === territory.id)?.roles ?? [];
  return (
    <Layout ctx={ctx} title={territory.name}>
      <span class="govuk-caption-l">Votre territoire</span>
      <h1 class="govuk-heading-xl">{territory.name}</h1>
      <p class="govuk-body">Vous êtes connecté ou connectée en tant que : {roles.map((r) => roleLabels[r]).join(", ")}.</p>
      {sections.day ? <Day code={code} day={sections.day} /> : null}
      {sections.attention ? <AttentionList code={code} attention={sections.attention} /> : null}
      {sections.schools ? <Schools code={code} schools={sections.schools} /> : null}
      {sections.figures ? <Figures code={code} figures={sections.figures} population={population} /> : null}
      <h2 class="govuk-heading-l">Le territoire</h2>
      <ul class="maillage-card-list">
        <li class="maillage-card">
          <h3 class="govuk-heading-m">
            <a class="govuk-link" href={`/t/${code}/communes`}>Communes</a>
          </h3>
          <p class="govuk-body">
            {formatNumber(communes)} communes, {formatNumber(population)} habitants, {groups} groupes de communes.
          </p>
        </li>
        {abilities.has("members.view") ? (
          <li class="maillage-card">
            <h3 class="govuk-heading-m">
              <a class="govuk-link" href={`/t/${code}/membres`}>Membres</a>
            </h3>
            <p class="govuk-body">Les personnes qui travaillent sur ce territoire et leurs rôles.</p>
          </li>
        ) : null}
        {abilities.has("audit.view") ? (
          <li class="maillage-card">
            <h3 class="govuk-heading-m">
              <a class="govuk-link" href={`/t/${code}/journal`}>Journal des actions</a>
            </h3>
            <p class="govuk-body">Changements de rôles, consultations et exports de données personnelles.</p>
          </li>
        ) : null}
      </ul>
    </Layout>
  );
}
