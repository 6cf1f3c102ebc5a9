// The public page of a place: where it is, when it is open, how to get help there, the next free slots.
import { isWebAddress } from "../../../lib/web-address.js";
import { formatDateTime } from "../../../lib/format.js";
import { SummaryList } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Layout } from "../../../ui/layout.js";
import { joinFrench } from "../../places/domain/french-words.js";
import { PlaceHours } from "../../places/views/place-hours.js";
import { de, feeLabels, directionsUrl, howToGetHelp, mapUrl, supportLabels } from "../domain/place-wording.js";
import { formatUpdateDate, fullAddress, phoneLink, servicesInPlainWords, slotHref } from "../domain/result-card.js";
import type { PublicPlace } from "../finder.queries.js";
import type { MotifSlots } from "../finder.slots.js";

export type PlacePageProps = { ctx: PageContext; place: PublicPlace; motifSlots: MotifSlots[]; now: Date };

function Contact({ place }: { place: PublicPlace }) {
  const { record } = place;
  const phone = phoneLink(record.telephone);
  const rows = [
    ...(phone ? [{ key: "Téléphone", value: <a class="govuk-link" href={phone.href}>{phone.display}</a> }] : []),
    ...(record.courriels?.length
      ? [{ key: "Courriel", value: <>{record.courriels.map((mail, i) => <>{i > 0 ? <br /> : null}<a class="govuk-link" href={`mailto:${mail}`}>{mail}</a></>)}</> }]
      : []),
    ...(record.site_web?.filter(isWebAddress).length
      ? [{ key: "Site internet", value: <>{record.site_web.filter(isWebAddress).map((url, i) => <>{i > 0 ? <br /> : null}<a class="govuk-link" href={url} rel="noopener">{url.replace(/^https?:\/\//, "")}</a></>)}</> }]
      : []),
  ];
  if (rows.length === 0) return <p class="govuk-body">Ce lieu n'a pas indiqué de téléphone ni de courriel.</p>;
  return <SummaryList rows={rows} />;
}

function ReachPlace({ place }: { place: PublicPlace }) {
  const { record } = place;
  const phone = phoneLink(record.telephone);
  const rows = [
    { key: "Adresse", value: fullAddress(record) },
    ...(phone ? [{ key: "Téléphone", value: <a class="govuk-link" href={phone.href}>{phone.display}</a> }] : []),
  ];
  return <SummaryList rows={rows} />;
}

function Slots({ place, motifSlots }: { place: PublicPlace; motifSlots: MotifSlots[] }) {
  if (motifSlots.length === 0) return null;
  return (
    <>
      <h2 class="govuk-heading-m">Prochains rendez-vous libres</h2>
      {motifSlots.map(({ motif, slots }) => (
        <>
          <h3 class="govuk-heading-s">{motif.name}</h3>
          {slots.length === 0 ? (
            <p class="govuk-body">Pas de rendez-vous libre en ligne pour le moment.</p>
          ) : (
            <ul class="govuk-list maillage-slot-list">
              {slots.map((slot) => (
                <li>
                  <a class="govuk-link" href={slotHref(place.id, motif.id, slot.start)}>
                    {formatDateTime(new Date(slot.start))}
                    <span class="govuk-visually-hidden"> pour {motif.name}</span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      ))}
      <a href={`/lieux/${place.id}/rendez-vous`} role="button" draggable={false} class="govuk-button" data-module="govuk-button">
        Prendre rendez-vous
      </a>
    </>
  );
}

/** The place page. */
export function PlacePage({ ctx, place, motifSlots, now }: PlacePageProps) {
  const { record } = place;
  const services = servicesInPlainWords(record.services);
  const supports = (record.prise_en_charge_specifique ?? []).map((s) => supportLabels[s]);
  const fees = (record.frais_a_charge ?? []).map((f) => feeLabels[f]);
  const help = howToGetHelp(record.modalites_acces, { bookableHere: motifSlots.length > 0, hasPhone: Boolean(record.telephone) });
  const hasPosition = place.latitude !== null && place.longitude !== null;
  const searchNearby = `/lieux?ou=${encodeURIComponent(`${place.commune} ${place.codePostal}`)}`;
  return (
    <Layout ctx={ctx} title={`${place.nom}, ${place.commune}`}>
      <a href={searchNearby} class="govuk-back-link">
        Autres lieux près {de(place.commune)}
      </a>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">
            <span class="govuk-caption-l">{place.commune}</span>
            {place.nom}
          </h1>
          {record.presentation_resume ? <p class="govuk-body-l">{record.presentation_resume}</p> : null}

          {/* How to reach the place comes first: on a phone, the number and the address without scrolling. */}
          <ReachPlace place={place} />

          <h2 class="govuk-heading-m">Comment obtenir de l'aide</h2>
          <ul class="govuk-list govuk-list--bullet">
            {help.map((h) => {
              const phone = phoneLink(record.telephone);
              // "Téléphoner avant de venir" says which number.
              return h.startsWith("Téléphoner") && phone ? (
                <li>
                  {h} au{" "}
                  <a class="govuk-link" href={phone.href}>
                    {phone.display}
                  </a>
                </li>
              ) : (
                <li>{h}</li>
              );
            })}
          </ul>
          {fees.length > 0 ? <p class="govuk-body">Prix&nbsp;: {joinFrench(fees).toLowerCase()}.</p> : null}
          {record.prise_rdv && isWebAddress(record.prise_rdv) && motifSlots.length === 0 ? (
            <p class="govuk-body">
              <a class="govuk-link" href={record.prise_rdv} rel="noopener">
                Prendre rendez-vous sur le site du lieu
              </a>
            </p>
          ) : null}

          <Slots place={place} motifSlots={motifSlots} />

          <h2 class="govuk-heading-m">Horaires</h2>
          <PlaceHours horaires={place.horaires ?? undefined} now={now} codeInsee={place.record.code_insee} />

          <h2 class="govuk-heading-m">Comment y aller</h2>
          <p class="govuk-body">{fullAddress(record)}</p>
          {hasPosition ? (
            <ul class="govuk-list">
              <li>
                <a class="govuk-link" href={directionsUrl(place.latitude!, place.longitude!)} rel="noopener">
                  Calculer l'itinéraire sur OpenStreetMap
                </a>
              </li>
              <li>
                <a class="govuk-link" href={mapUrl(place.latitude!, place.longitude!)} rel="noopener">
                  Voir le lieu sur la carte OpenStreetMap
                </a>
              </li>
            </ul>
          ) : null}
          {record.fiche_acces_libre && isWebAddress(record.fiche_acces_libre) ? (
            <p class="govuk-body">
              <a class="govuk-link" href={record.fiche_acces_libre} rel="noopener">
                Accessibilité du lieu (fiche Acceslibre)
              </a>
            </p>
          ) : null}

          <h2 class="govuk-heading-m">Contact</h2>
          <Contact place={place} />

          <h2 class="govuk-heading-m">Ce que vous pouvez y faire</h2>
          {services.length > 0 ? (
            <ul class="govuk-list govuk-list--bullet">
              {services.map((s) => (
                <li>{s.charAt(0).toUpperCase() + s.slice(1)}</li>
              ))}
            </ul>
          ) : (
            <p class="govuk-body">Ce lieu n'a pas précisé ses services.</p>
          )}
          {supports.length > 0 ? (
            <>
              <h2 class="govuk-heading-m">Accompagnement particulier</h2>
              <ul class="govuk-list govuk-list--bullet">
                {supports.map((s) => (
                  <li>{s}</li>
                ))}
              </ul>
            </>
          ) : null}
          {record.presentation_detail ? <p class="govuk-body">{record.presentation_detail}</p> : null}

          <p class="govuk-body-s govuk-!-margin-top-6">
            Données issues du standard des lieux de médiation numérique, mises à jour le {formatUpdateDate(record.date_maj)}.
          </p>
        </div>
      </div>
    </Layout>
  );
}
