// Accessible SVG charts drawn on the server: each is a <figure> with its caption, an SVG image with a title and
// a summary for screen readers, and the data table beside it (the table is the reference, the chart a help).
// No inline style (CSP): SVG presentation attributes only.
import type { ComponentChildren } from "preact";
import { formatNumber } from "../lib/format.js";
import { TableScroll } from "./components.js";

export type ChartDatum = {
  label: string;
  value: number;
  /** The value as written in the table and on the chart ("25 %"); the number itself by default. */
  display?: string;
  /** A short label under a column (months); the label by default. */
  short?: string;
};

export type ChartProps = {
  /** A unique id on the page (used for aria-labelledby). */
  id: string;
  title: string;
  data: ChartDatum[];
  /** Column headers of the data table. */
  labelHeader: string;
  valueHeader: string;
  /** Text shown instead of the chart when there is nothing to draw. */
  empty?: string;
};

const BLUE = "#1d70b8";
const TEXT = "#0b0c0c";
const GREY = "#b1b4b6";
const WIDTH = 600;
/** The app's typeface (as in maillage.scss), as an SVG presentation attribute since the CSP forbids inline styles. */
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif';

const shown = (d: ChartDatum) => d.display ?? formatNumber(d.value);

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A one-sentence summary read by screen readers before the table. */
function summary(data: ChartDatum[]): string {
  const top = data.reduce<ChartDatum | undefined>((best, d) => (!best || d.value > best.value ? d : best), undefined);
  if (!top || top.value === 0) return "Aucune donnée sur la période.";
  return `${data.length} valeurs ; la plus élevée : ${top.label} (${shown(top)}). Le détail est dans le tableau.`;
}

function DataTable({ title, data, labelHeader, valueHeader }: ChartProps) {
  return (
    <TableScroll label={`Données : ${title}`}>
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-visually-hidden">Données : {title}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">{labelHeader}</th>
            <th scope="col" class="govuk-table__header govuk-table__header--numeric">{valueHeader}</th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {data.map((d) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">{d.label}</th>
              <td class="govuk-table__cell govuk-table__cell--numeric">{shown(d)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ChartFigure(props: ChartProps & { svg: ComponentChildren }) {
  const nothing = props.data.length === 0 || props.data.every((d) => d.value === 0);
  return (
    <figure class="maillage-figure govuk-!-margin-0 govuk-!-margin-bottom-6" id={props.id}>
      <figcaption class="govuk-heading-s">{props.title}</figcaption>
      {nothing ? (
        <p class="govuk-body">{props.empty ?? "Aucune donnée sur la période."}</p>
      ) : (
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">{props.svg}</div>
          <div class="govuk-grid-column-one-third">
            <DataTable {...props} />
          </div>
        </div>
      )}
    </figure>
  );
}

/** Horizontal bars, one per label (themes, durations, communes…), with the data table beside. */
export function BarChart(props: ChartProps) {
  const { id, title, data } = props;
  const row = 34;
  const labelWidth = 270;
  const barSpace = WIDTH - labelWidth - 70;
  const max = Math.max(1, ...data.map((d) => d.value));
  const height = data.length * row + 10;
  const svg = (
    <svg class="maillage-chart" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} role="img" aria-labelledby={`${id}-titre ${id}-resume`} focusable="false" font-family={FONT}>
      <title id={`${id}-titre`}>{title}</title>
      <desc id={`${id}-resume`}>{summary(data)}</desc>
      {data.map((d, i) => {
        const y = i * row + 5;
        const width = Math.round((d.value / max) * barSpace);
        return (
          <g>
            <text x={labelWidth - 8} y={y + 22} text-anchor="end" font-size="16" fill={TEXT}>
              {truncate(d.label, 27)}
            </text>
            <rect x={labelWidth} y={y + 5} width={Math.max(width, d.value > 0 ? 2 : 0)} height={24} fill={BLUE} />
            <text x={labelWidth + width + 6} y={y + 22} font-size="16" fill={TEXT}>
              {shown(d)}
            </text>
          </g>
        );
      })}
      <line x1={labelWidth} y1={0} x2={labelWidth} y2={height} stroke={GREY} stroke-width="1" />
    </svg>
  );
  return <ChartFigure {...props} svg={svg} />;
}

/** Vertical columns in time order (one per month), with the data table beside. */
export function ColumnChart(props: ChartProps) {
  const { id, title, data } = props;
  const height = 280;
  const top = 26;
  const bottom = 34;
  const plot = height - top - bottom;
  const max = Math.max(1, ...data.map((d) => d.value));
  const step = data.length === 0 ? WIDTH : WIDTH / data.length;
  const barWidth = Math.max(4, Math.min(48, step * 0.7));
  const showValues = step >= 40;
  const labelEvery = Math.ceil(45 / step);
  const svg = (
    <svg class="maillage-chart" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} role="img" aria-labelledby={`${id}-titre ${id}-resume`} focusable="false" font-family={FONT}>
      <title id={`${id}-titre`}>{title}</title>
      <desc id={`${id}-resume`}>{summary(data)}</desc>
      <line x1={0} y1={top + plot} x2={WIDTH} y2={top + plot} stroke={GREY} stroke-width="1" />
      {data.map((d, i) => {
        const h = Math.round((d.value / max) * plot);
        const x = i * step + (step - barWidth) / 2;
        const centre = i * step + step / 2;
        return (
          <g>
            <rect x={x} y={top + plot - h} width={barWidth} height={h} fill={BLUE} />
            {showValues && d.value > 0 ? (
              <text x={centre} y={top + plot - h - 6} text-anchor="middle" font-size="15" fill={TEXT}>
                {shown(d)}
              </text>
            ) : null}
            {i % labelEvery === 0 ? (
              <text x={centre} y={top + plot + 22} text-anchor="middle" font-size="15" fill={TEXT}>
                {truncate(d.short ?? d.label, 9)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
  return <ChartFigure {...props} svg={svg} />;
}

export type LineDatum = ChartDatum & { projected?: boolean };

/**
 * A line over time (quarters), values between 0 and `max`: observed points joined by a solid line, projected
 * points by a dashed one (and marked "projection" in the table), with an optional horizontal target line.
 */
export function LineChart(props: Omit<ChartProps, "data"> & { data: LineDatum[]; max?: number; target?: { value: number; label: string } }) {
  const { id, title, data } = props;
  const height = 260;
  const top = 20;
  const bottom = 34;
  const left = 48;
  const plot = height - top - bottom;
  const span = WIDTH - left - 16;
  const max = Math.max(props.max ?? 1, ...data.map((d) => d.value), props.target?.value ?? 0);
  const x = (i: number) => left + (data.length <= 1 ? span / 2 : (i * span) / (data.length - 1));
  const y = (v: number) => top + plot - (v / max) * plot;
  const observed = data.map((d, i) => ({ d, i })).filter(({ d }) => !d.projected);
  const lastObserved = observed.at(-1);
  const projected = data.map((d, i) => ({ d, i })).filter(({ d }) => d.projected);
  const path = (points: { d: LineDatum; i: number }[]) => points.map(({ d, i }) => `${x(i).toFixed(1)},${y(d.value).toFixed(1)}`).join(" ");
  const labelEvery = Math.max(1, Math.ceil(data.length / 8));
  const svg = (
    <svg class="maillage-chart" viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} role="img" aria-labelledby={`${id}-titre ${id}-resume`} focusable="false" font-family={FONT}>
      <title id={`${id}-titre`}>{title}</title>
      <desc id={`${id}-resume`}>{`${data.length} points ; ${lastObserved ? `dernier observé : ${lastObserved.d.label} (${shown(lastObserved.d)})` : "aucun observé"}${projected.length > 0 ? ` ; projection jusqu'à ${projected.at(-1)!.d.label} (${shown(projected.at(-1)!.d)})` : ""}. Le détail est dans le tableau.`}</desc>
      {[0, 0.5, 1].map((f) => (
        <g>
          <line x1={left} y1={y(max * f)} x2={WIDTH - 16} y2={y(max * f)} stroke={GREY} stroke-width="1" />
          <text x={left - 6} y={y(max * f) + 5} text-anchor="end" font-size="14" fill={TEXT}>
            {`${Math.round(max * f * 100)} %`}
          </text>
        </g>
      ))}
      {props.target ? <line x1={left} y1={y(props.target.value)} x2={WIDTH - 16} y2={y(props.target.value)} stroke={TEXT} stroke-width="2" stroke-dasharray="2 4" /> : null}
      {observed.length > 1 ? <polyline points={path(observed)} fill="none" stroke={BLUE} stroke-width="3" /> : null}
      {projected.length > 0 && lastObserved ? <polyline points={path([lastObserved, ...projected])} fill="none" stroke={BLUE} stroke-width="3" stroke-dasharray="8 6" /> : null}
      {data.map((d, i) => (d.projected ? <rect x={x(i) - 4} y={y(d.value) - 4} width="8" height="8" fill="#ffffff" stroke={BLUE} stroke-width="2" /> : <circle cx={x(i)} cy={y(d.value)} r="4" fill={BLUE} />))}
      {data.map((d, i) =>
        i % labelEvery === 0 || i === data.length - 1 ? (
          <text x={x(i)} y={height - 10} text-anchor="middle" font-size="14" fill={TEXT}>
            {truncate(d.short ?? d.label, 9)}
          </text>
        ) : null,
      )}
    </svg>
  );
  const tableData = data.map((d) => ({ ...d, label: d.projected ? `${d.label} (projection)` : d.label }));
  return <ChartFigure {...props} data={tableData} svg={svg} />;
}
