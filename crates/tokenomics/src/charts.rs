//! The run's charts, as PNG and SVG: the pool with its inflow and outflow, the reward per node
//! per day, the APR of a full stake and the supply split. Rendered with plotters and an embedded
//! DejaVu Sans, so they need neither a browser nor the machine's fonts.

use crate::record::{DayRecord, SESH};
use eyre::eyre;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Once;

const SIZE: (u32, u32) = (1000, 560);
const FONT: &str = "sans-serif";

/// One line of a chart.
struct Series {
    label: String,
    color: RGBColor,
    points: Vec<(f64, f64)>,
}

/// A chart: title, y axis and its lines, over days.
struct Chart {
    file: &'static str,
    title: String,
    y_label: &'static str,
    series: Vec<Series>,
}

fn sesh(amount: u128) -> f64 {
    amount as f64 / SESH as f64
}

fn series(label: &str, color: RGBColor, records: &[DayRecord], value: impl Fn(&DayRecord) -> f64) -> Series {
    Series { label: label.into(), color, points: records.iter().map(|r| (r.day as f64, value(r))).collect() }
}

/// Writes every chart of `records` into `dir` (each as `.png` and `.svg`); returns the files.
pub fn write_charts(dir: &Path, scenario: &str, records: &[DayRecord]) -> eyre::Result<Vec<PathBuf>> {
    static FONT_ONCE: Once = Once::new();
    FONT_ONCE.call_once(|| {
        // The embedded font is a valid TrueType file: registering it cannot fail.
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, dejavu::sans::regular());
    });
    let million = |amount: u128| sesh(amount) / 1e6;
    let blue = RGBColor(31, 119, 180);
    let orange = RGBColor(255, 127, 14);
    let green = RGBColor(44, 160, 44);
    let red = RGBColor(214, 39, 40);
    let grey = RGBColor(127, 127, 127);
    let charts = [
        Chart {
            file: "pool",
            title: format!("{scenario}: reward pool balance"),
            y_label: "million SESH",
            series: vec![series("pool balance", blue, records, |r| million(r.pool_balance))],
        },
        Chart {
            file: "inflow-outflow",
            title: format!("{scenario}: pool inflow vs outflow per day"),
            y_label: "SESH per day",
            series: vec![
                series("outflow (release)", red, records, |r| sesh(r.outflow())),
                series("inflow (90% of fees, liquidations)", green, records, |r| sesh(r.inflow())),
            ],
        },
        Chart {
            file: "reward-per-node",
            title: format!("{scenario}: reward per node per day"),
            y_label: "SESH per node per day",
            series: vec![series("reward per node", blue, records, |r| sesh(r.reward_per_node))],
        },
        Chart {
            file: "apr",
            title: format!("{scenario}: APR of a full stake (25,000 SESH)"),
            y_label: "percent",
            series: vec![series("APR", orange, records, |r| r.apr_bps() as f64 / 100.0)],
        },
        Chart {
            file: "supply",
            title: format!("{scenario}: supply split"),
            y_label: "million SESH",
            series: vec![
                series("reward pool", blue, records, |r| million(r.pool_balance)),
                series("locked allocations", grey, records, |r| {
                    million(r.total_supply - r.pool_balance - r.circulating)
                }),
                series("staked", orange, records, |r| million(r.staked)),
                series("liquid (circulating, not staked)", green, records, |r| {
                    million(r.circulating.saturating_sub(r.staked))
                }),
            ],
        },
    ];
    let mut written = Vec::new();
    for chart in &charts {
        let png = dir.join(format!("{}.png", chart.file));
        draw(BitMapBackend::new(&png, SIZE).into_drawing_area(), chart)?;
        let svg = dir.join(format!("{}.svg", chart.file));
        draw(SVGBackend::new(&svg, SIZE).into_drawing_area(), chart)?;
        written.extend([png, svg]);
    }
    Ok(written)
}

fn draw<DB: DrawingBackend>(root: DrawingArea<DB, Shift>, chart: &Chart) -> eyre::Result<()>
where
    DB::ErrorType: 'static,
{
    let fail = |e: DrawingAreaErrorKind<DB::ErrorType>| eyre!("drawing the {} chart: {e:?}", chart.file);
    root.fill(&WHITE).map_err(fail)?;
    let max_x = chart.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).fold(1.0, f64::max);
    let max_y = chart.series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).fold(0.0, f64::max);
    let top = if max_y > 0.0 { max_y * 1.1 } else { 1.0 };
    let mut plot = ChartBuilder::on(&root)
        .caption(&chart.title, (FONT, 24))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(90)
        .build_cartesian_2d(0.0..max_x, 0.0..top)
        .map_err(fail)?;
    let y_format = |y: &f64| if top >= 100.0 { format!("{y:.0}") } else { format!("{y:.2}") };
    plot.configure_mesh()
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&y_format)
        .x_desc("day")
        .y_desc(chart.y_label)
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .draw()
        .map_err(fail)?;
    for line in &chart.series {
        let color = line.color;
        plot.draw_series(LineSeries::new(line.points.iter().copied(), color.stroke_width(2)))
            .map_err(fail)?
            .label(line.label.as_str())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], color.stroke_width(2)));
    }
    plot.configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .label_font((FONT, 14))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .draw()
        .map_err(fail)?;
    root.present().map_err(fail)?;
    Ok(())
}
