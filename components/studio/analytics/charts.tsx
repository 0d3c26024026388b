"use client";

import { useSyncExternalStore } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

// Drawn only in the browser: the chart sizes itself to its box, and style attributes in
// server HTML would be refused by the page's Content-Security-Policy. Each chart has a
// table view beside it, which is what assistive technology reads (the chart is an image).
const subscribe = () => () => {};
function useInBrowser() {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

// Told apart by dash pattern as well as colour.
const strokes = [
  { stroke: "#1d4ed8", dash: undefined },
  { stroke: "#b91c1c", dash: "6 3" },
  { stroke: "#047857", dash: "2 3" },
  { stroke: "#7c3aed", dash: "10 3 2 3" },
  { stroke: "#374151", dash: "1 5" },
];

export type SeriesLine = { key: string; label: string };

export function ShareLineChart(props: {
  label: string;
  data: Record<string, string | number | null>[];
  lines: SeriesLine[];
  formatDay: (day: string) => string;
  formatShare: (share: number) => string;
}) {
  const inBrowser = useInBrowser();
  return (
    <div role="img" aria-label={props.label} className="h-80 w-full">
      {inBrowser ? (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={props.data} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" tickFormatter={props.formatDay} minTickGap={24} />
            <YAxis domain={[0, 1]} tickFormatter={props.formatShare} width={56} />
            <Tooltip
              labelFormatter={(day) => props.formatDay(String(day))}
              formatter={(value) => (typeof value === "number" ? props.formatShare(value) : "< 10")}
            />
            <Legend />
            {props.lines.map((line, i) => (
              <Line
                key={line.key}
                dataKey={line.key}
                name={line.label}
                type="monotone"
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
                stroke={strokes[i % strokes.length]!.stroke}
                strokeDasharray={strokes[i % strokes.length]!.dash}
                strokeWidth={2}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}

export function CountBarChart(props: { label: string; data: { label: string; count: number | null }[]; valueLabel: string }) {
  const inBrowser = useInBrowser();
  return (
    <div role="img" aria-label={props.label} className="h-64 w-full">
      {inBrowser ? (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={props.data} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="label" width={200} />
            <Tooltip formatter={(value) => (typeof value === "number" ? value : "< 10")} />
            <Bar dataKey="count" name={props.valueLabel} fill="#1d4ed8" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  );
}
