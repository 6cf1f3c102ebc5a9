// Result cards and pagination of the finder, in GOV.UK Frontend markup.
import { Tag } from "../../../ui/components.js";
import type { ResultCard } from "../domain/result-card.js";
import { joinFrench } from "../../places/domain/french-words.js";
import { withoutOpenState } from "../../places/domain/opening-hours.js";

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** What a card says about opening: a tag a screen reader reads as words, then the detail. */
export function OpeningStatus({ opening }: { opening: ResultCard["opening"] }) {
  if (!opening) return <p class="govuk-body-s govuk-!-margin-bottom-2">Horaires non renseignés</p>;
  return (
    <p class="govuk-body-s govuk-!-margin-bottom-2 maillage-opening">
      {opening.open ? <Tag colour="green">Ouvert</Tag> : <Tag colour="grey">Fermé</Tag>} {withoutOpenState(opening.text)}
    </p>
  );
}

function Card({ card }: { card: ResultCard }) {
  return (
    <li class="maillage-card">
      <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
        <a class="govuk-link" href={`/lieux/${card.id}`}>
          {card.nom}
        </a>
      </h3>
      <p class="govuk-body-s govuk-!-margin-bottom-2">
        {card.address}
        {card.where ? (
          <>
            <br />
            <strong>{card.where}</strong>
          </>
        ) : null}
      </p>
      <OpeningStatus opening={card.opening} />
      {card.services.length > 0 ? <p class="govuk-body-s govuk-!-margin-bottom-2">Pour&nbsp;: {joinFrench(card.services)}.</p> : null}
      <p class="govuk-body-s govuk-!-margin-bottom-2">
        Comment obtenir de l'aide&nbsp;: {joinFrench(card.help.map(lowerFirst))}.
        {card.phone ? (
          <>
            {" "}
            Téléphone&nbsp;: <a class="govuk-link" href={card.phone.href}>{card.phone.display}</a>.
          </>
        ) : null}
      </p>
      {card.nextSlot ? (
        <p class="govuk-body-s govuk-!-margin-bottom-0">
          Prochain rendez-vous libre&nbsp;:{" "}
          <a class="govuk-link" href={card.nextSlot.href}>
            {card.nextSlot.text}
            <span class="govuk-visually-hidden"> ({card.nom})</span>
          </a>{" "}
          pour «&nbsp;{card.nextSlot.motif}&nbsp;».
        </p>
      ) : card.noSlotInDays !== undefined ? (
        <p class="govuk-body-s govuk-!-margin-bottom-0">Pas de rendez-vous libre en ligne dans les {card.noSlotInDays} prochains jours.</p>
      ) : null}
    </li>
  );
}

/** The list of results; `start` numbers the first card of the page. */
export function ResultList({ cards, start, labelledBy }: { cards: ResultCard[]; start: number; labelledBy: string }) {
  return (
    <ol class="maillage-card-list" start={start} aria-labelledby={labelledBy}>
      {cards.map((card) => (
        <Card card={card} />
      ))}
    </ol>
  );
}

/** GOV.UK pagination: previous, the page numbers around the current one, next. */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
  const items: (number | "gap")[] = [];
  for (const p of shown) {
    const previous = items.at(-1);
    if (typeof previous === "number" && p - previous > 1) items.push("gap");
    items.push(p);
  }
  return (
    <nav class="govuk-pagination" aria-label="Pages de résultats">
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={href(page - 1)} rel="prev">
            <span class="govuk-pagination__link-title">
              Précédente<span class="govuk-visually-hidden"> page</span>
            </span>
          </a>
        </div>
      ) : null}
      <ul class="govuk-pagination__list">
        {items.map((item) =>
          item === "gap" ? (
            <li class="govuk-pagination__item govuk-pagination__item--ellipses">⋯</li>
          ) : (
            <li class={`govuk-pagination__item${item === page ? " govuk-pagination__item--current" : ""}`}>
              <a class="govuk-link govuk-pagination__link" href={href(item)} aria-label={`Page ${item}`} aria-current={item === page ? "page" : undefined}>
                {item}
              </a>
            </li>
          ),
        )}
      </ul>
      {page < pages ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={href(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">
              Suivante<span class="govuk-visually-hidden"> page</span>
            </span>
          </a>
        </div>
      ) : null}
    </nav>
  );
}
