import { AxisBottom, AxisLeft } from '@visx/axis'
import { Group } from '@visx/group'
import { scaleLinear } from '@visx/scale'
import { LinePath } from '@visx/shape'
import { Text } from '@visx/text'
import { CHART_WIDTH } from './bar-chart.tsx'

export type ChartPoint = { label: string; value: number }

const HEIGHT = 260
const MARGIN = { top: 24, right: 72, bottom: 40, left: 48 }

/**
 * A running total over time at a fixed size, rendered by visx on the server (ADR 0025). The last
 * point is labelled with its value and the x axis shows the first, middle and last day, so the
 * shape and the end figure read without colour; the exact values are in the figure's table.
 */
export function LineChart(props: { id: string; points: readonly ChartPoint[] }) {
  const points = props.points
  const innerWidth = CHART_WIDTH - MARGIN.left - MARGIN.right
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const max = Math.max(1, ...points.map((point) => point.value))
  const x = scaleLinear<number>({ domain: [0, Math.max(1, points.length - 1)], range: [0, innerWidth] })
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true })
  const ticks = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])].filter((index) => index >= 0)
  const last = points.at(-1)
  return (
    <svg
      role="img"
      aria-labelledby={`${props.id}-caption ${props.id}-summary`}
      width={CHART_WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${CHART_WIDTH} ${HEIGHT}`}
      className="chart__image"
    >
      <Group left={MARGIN.left} top={MARGIN.top}>
        <AxisLeft scale={y} numTicks={4} stroke="#595959" tickStroke="#595959" tickLabelProps={{ fill: '#1a1a1a', fontSize: 12, textAnchor: 'end' }} />
        <AxisBottom
          top={innerHeight}
          scale={x}
          tickValues={ticks}
          tickFormat={(value) => points[Number(value)]?.label ?? ''}
          stroke="#595959"
          tickStroke="#595959"
          tickLabelProps={{ fill: '#1a1a1a', fontSize: 12, textAnchor: 'middle' }}
        />
        <LinePath data={[...points]} x={(_, index) => x(index)} y={(point) => y(point.value)} stroke="#1d4f91" strokeWidth={3} />
        {points.map((point, index) => (
          <circle key={point.label} cx={x(index)} cy={y(point.value)} r={3} fill="#1d4f91" />
        ))}
        {last ? (
          <Text x={x(points.length - 1) + 8} y={y(last.value)} verticalAnchor="middle" fontSize={14} fontWeight={600} fill="#1a1a1a">
            {String(last.value)}
          </Text>
        ) : null}
      </Group>
    </svg>
  )
}
