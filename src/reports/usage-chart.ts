import { createRequire } from "node:module";
import type { TopLevelSpec } from "vega-lite";
import { addCalendarDays, isoWeekday } from "../domain/calendar-day.ts";
import type { ProgrammeRules } from "../domain/types.ts";
import type { Overview } from "./overview.ts";

/** What the chart shows: the same figures the digest's text is built from. */
export interface UsageChartData {
  /** Weeks of the programme period (Monday, YYYY-MM-DD) with units by state. */
  weeks: Array<{ week: string; held: number; scheduled: number; requested: number }>;
  /** Units per topic (held + scheduled + requested), German labels. */
  topics: Array<{ label: string; units: number }>;
  totals: { held: number; scheduled: number; requested: number };
}

export interface UsageChart {
  png: Buffer;
  width: number;
  height: number;
  /** Alt text for screen readers: the figures in words. */
  altText: string;
}

// The font travels with the app (npm package), and resvg loads only it: a slim image has no
// system fonts, and without one every label would silently vanish.
const fontFile = createRequire(import.meta.url).resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
const font = "DejaVu Sans";
const states = [
  { key: "held", label: "durchgeführt", color: "#1b7837" },
  { key: "scheduled", label: "vereinbart", color: "#5aae61" },
  { key: "requested", label: "angefragt", color: "#f1a340" },
] as const;

/**
 * The chart's figures from the overview the digest text is built from: every week of the
 * programme period (sessions dated outside it are shown in its first or last week, so the weeks
 * add up to the totals), and units per topic.
 */
export function usageChartData(overview: Pick<Overview, "weeks" | "byTopic" | "totals">, period: Pick<ProgrammeRules, "periodStart" | "periodEnd">): UsageChartData {
  const monday = (day: string) => addCalendarDays(day, 1 - isoWeekday(day));
  const first = monday(period.periodStart);
  const last = monday(period.periodEnd);
  const weeks: UsageChartData["weeks"] = [];
  for (let week = first; week <= last; week = addCalendarDays(week, 7)) weeks.push({ week, held: 0, scheduled: 0, requested: 0 });
  for (const row of overview.weeks) {
    const index = row.week < first ? 0 : row.week > last ? weeks.length - 1 : weeks.findIndex((w) => w.week === row.week);
    const target = weeks[index];
    if (!target) continue;
    target.held += row.held;
    target.scheduled += row.scheduled;
    target.requested += row.requested;
  }
  return {
    weeks,
    topics: overview.byTopic.map((t) => ({ label: t.labelDe, units: t.held + t.scheduled + t.pending })),
    totals: { held: overview.totals.held, scheduled: overview.totals.scheduled, requested: overview.totals.pending },
  };
}

/** Readable on a phone: one column, 900 px wide (Slack scales it to the screen), large type. */
function chartSpec(data: UsageChartData): TopLevelSpec {
  const weekRows = data.weeks.flatMap((w) => states.map((s) => ({ week: w.week, state: s.label, units: w[s.key] })));
  const topicRows = data.topics.map((t) => ({ topic: t.label.length > 38 ? `${t.label.slice(0, 37)}…` : t.label, units: t.units }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    background: "white",
    padding: 16,
    config: { font, axis: { labelFontSize: 16, titleFontSize: 18 }, legend: { labelFontSize: 16, titleFontSize: 16 }, title: { fontSize: 22 } },
    vconcat: [
      {
        title: "Einheiten je Woche",
        width: 860,
        height: 320,
        data: { values: weekRows },
        mark: { type: "bar", width: { band: 0.85 } },
        encoding: {
          x: { field: "week", type: "temporal", timeUnit: "yearweek", title: "Woche", axis: { format: "%d.%m.%y", labelAngle: -45, tickCount: 8 } },
          y: { field: "units", type: "quantitative", aggregate: "sum", title: "Einheiten", axis: { tickMinStep: 1 } },
          color: {
            field: "state", type: "nominal", title: "Status",
            scale: { domain: states.map((s) => s.label), range: states.map((s) => s.color) },
            legend: { orient: "top" },
          },
        },
      },
      {
        title: "Einheiten je Thema",
        width: 480,
        height: { step: 30 },
        data: { values: topicRows },
        mark: { type: "bar", color: "#2166ac" },
        encoding: {
          y: { field: "topic", type: "nominal", title: null, sort: "-x", axis: { labelLimit: 380 } },
          x: { field: "units", type: "quantitative", title: "Einheiten", axis: { tickMinStep: 1 } },
        },
      },
    ],
  };
}

export function usageAltText(data: UsageChartData): string {
  const top = [...data.topics].sort((a, b) => b.units - a.units).filter((t) => t.units > 0).slice(0, 3);
  const first = data.weeks[0]?.week ?? "";
  const last = data.weeks.at(-1)?.week ?? "";
  const day = (iso: string) => iso.split("-").reverse().join(".");
  return (
    `Diagramm: Einheiten je Woche vom ${day(first)} bis ${day(last)} – insgesamt ${data.totals.held} durchgeführt, ` +
    `${data.totals.scheduled} vereinbart, ${data.totals.requested} angefragt. ` +
    (top.length > 0 ? `Meiste Einheiten je Thema: ${top.map((t) => `${t.label} (${t.units})`).join(", ")}.` : "Noch keine Einheiten je Thema.")
  );
}

/**
 * Renders the chart to PNG on the server: vega-lite → vega → SVG → resvg with the shipped font.
 * The three libraries are loaded on the first chart, not at start-up: together they cost ~15 MB of
 * memory and a quarter of a second, for a chart posted once a week (README, "Performance").
 */
export async function renderUsageChart(data: UsageChartData): Promise<UsageChart> {
  const [vega, { compile }, { Resvg }] = await Promise.all([import("vega"), import("vega-lite"), import("@resvg/resvg-js")]);
  const view = new vega.View(vega.parse(compile(chartSpec(data)).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  const rendered = new Resvg(svg, {
    font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: font },
    background: "white",
  }).render();
  return { png: rendered.asPng(), width: rendered.width, height: rendered.height, altText: usageAltText(data) };
}
