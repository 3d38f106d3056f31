/** Expiration as Azure DevOps offers it: 30, 60 or 90 days, or a date picked within the allowed lifetime. */
import * as React from "react";
import { DAY_MS } from "../../../expiry/wire-time";
import { validToFromDayInput } from "../expiry-input";
import { formatDay } from "../relative-day";
import { strings } from "../strings";

const PRESETS = [30, 60, 90];

export interface ExpiryChoice {
  preset: number | "custom";
  day: string;
}

export interface ExpiryPickerProps {
  id: string;
  nowMs: number;
  /** Longest lifetime allowed from today (the organization's policy when known, else a year). */
  maxDays: number;
  value: ExpiryChoice;
  onChange(value: ExpiryChoice): void;
}

function dayAfter(nowMs: number, days: number): string {
  return new Date(nowMs + days * DAY_MS).toISOString().slice(0, 10);
}

/** The validTo a choice means, or null when its date is not allowed. */
export function expiryValidTo(choice: ExpiryChoice, nowMs: number, maxDays: number): string | null {
  const day = choice.preset === "custom" ? choice.day : dayAfter(nowMs, choice.preset);
  const validTo = validToFromDayInput(day, nowMs);
  if (!validTo || Date.parse(validTo) > nowMs + maxDays * DAY_MS + DAY_MS) return null;
  return validTo;
}

export function ExpiryPicker(props: ExpiryPickerProps): JSX.Element {
  const { id, nowMs, maxDays, value, onChange } = props;
  const presets = PRESETS.filter((d) => d <= maxDays);
  const validTo = expiryValidTo(value, nowMs, maxDays);
  const max = dayAfter(nowMs, maxDays);
  return (
    <div className="flex-row flex-wrap flex-center rhythm-horizontal-8 pat-expiry-picker">
      <select
        id={id}
        className="pat-select"
        aria-label={strings.createExpiresLabel}
        value={String(value.preset)}
        onChange={(e) => {
          const preset = e.target.value === "custom" ? "custom" : Number(e.target.value);
          onChange({ preset, day: value.day || dayAfter(nowMs, 30) });
        }}
      >
        {presets.map((d) => (
          <option key={d} value={String(d)}>
            {strings.expiryPreset(d)}
          </option>
        ))}
        <option value="custom">{strings.expiryCustom}</option>
      </select>
      {value.preset === "custom" && (
        <input
          type="date"
          id={`${id}-date`}
          className="pat-date"
          aria-label={strings.expiryDateLabel}
          min={dayAfter(nowMs, 1)}
          max={max}
          value={value.day}
          onChange={(e) => onChange({ preset: "custom", day: e.target.value })}
        />
      )}
      <span className={validTo ? "secondary-text pat-expiry-result" : "pat-expiry-result pat-field-error"} role="status">
        {validTo ? strings.expiryResult(formatDay(validTo)) : strings.expiryOutOfRange(formatDay(`${max}T00:00:00Z`))}
      </span>
    </div>
  );
}
