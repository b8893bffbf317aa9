import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import { Text } from '@visx/text'

export type ChartBar = { label: string; value: number; /** What the bar's end says: the count, or "< 5". */ display: string }

export const CHART_WIDTH = 640
const LABEL_WIDTH = 200
const VALUE_WIDTH = 56
const ROW = 28

/**
 * Horizontal bars at a fixed size, rendered by visx on the server (ADR 0025): every bar carries its
 * label on the left and its value at its end, so nothing depends on telling colours apart. Every
 * other bar is hatched as well, so neighbouring bars stay distinct in print and high contrast.
 */
export function BarChart(props: { id: string; bars: readonly ChartBar[] }) {
  const height = Math.max(1, props.bars.length) * ROW + 8
  const inner = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
  const max = Math.max(1, ...props.bars.map((bar) => bar.value))
  const x = scaleLinear<number>({ domain: [0, max], range: [0, inner] })
  const y = scaleBand<string>({ domain: props.bars.map((bar) => bar.label), range: [4, height - 4], padding: 0.2 })
  const hatch = `${props.id}-hatch`
  return (
    <svg
      role="img"
      aria-labelledby={`${props.id}-caption ${props.id}-summary`}
      width={CHART_WIDTH}
      height={height}
      viewBox={`0 0 ${CHART_WIDTH} ${height}`}
      className="chart__image"
    >
      <defs>
        <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#1d4f91" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="2" />
        </pattern>
      </defs>
      {props.bars.map((bar, index) => {
        const top = y(bar.label) ?? 0
        const width = Math.max(bar.value > 0 ? 2 : 0, x(bar.value))
        return (
          <Group key={bar.label} top={top}>
            <Text x={LABEL_WIDTH - 8} y={y.bandwidth() / 2} textAnchor="end" verticalAnchor="middle" fontSize={14} fill="#1a1a1a">
              {bar.label}
            </Text>
            <Bar x={LABEL_WIDTH} y={0} width={width} height={y.bandwidth()} fill={index % 2 === 0 ? '#1d4f91' : `url(#${hatch})`} stroke="#1d4f91" />
            <Text x={LABEL_WIDTH + width + 6} y={y.bandwidth() / 2} verticalAnchor="middle" fontSize={14} fill="#1a1a1a" fontWeight={600}>
              {bar.display}
            </Text>
          </Group>
        )
      })}
    </svg>
  )
}
