/*
 * Draws the dashboards' charts with Chart.js from the figures each canvas carries in its
 * data-chart attribute (the same figures as the table under it). No inline script or
 * style: sizes are set through the DOM, which the Content-Security-Policy allows.
 */
(function () {
  'use strict';
  if (!window.Chart) {
    return;
  }
  var INK = '#1b1b1f';
  var GRID = '#e4e1da';
  var SERIES = ['#5b2a86', '#b35c00', '#1d6e8c', '#2f7d3a', '#a4161a', '#6b6b78'];
  var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  Chart.defaults.color = INK;
  Chart.defaults.borderColor = GRID;
  Chart.defaults.animation = reduceMotion ? false : { duration: 300 };
  Chart.defaults.maintainAspectRatio = false;

  function percent(value) {
    return value === null || value === undefined ? '—' : value.toFixed(1) + ' %';
  }

  // From a pale lilac (0 %) to the accent purple (100 %).
  function heat(value) {
    var t = Math.max(0, Math.min(1, value / 100));
    var from = [243, 238, 250];
    var to = [61, 20, 102];
    var rgb = from.map(function (start, i) {
      return Math.round(start + (to[i] - start) * Math.sqrt(t));
    });
    return 'rgb(' + rgb.join(',') + ')';
  }

  function sizeBox(canvas, height) {
    canvas.parentElement.style.height = height + 'px';
  }

  var cellLabels = {
    id: 'cellLabels',
    afterDatasetsDraw: function (chart) {
      var values = chart.config.options.cellValues;
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = '600 12px ' + Chart.defaults.font.family;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      chart.data.datasets.forEach(function (dataset, column) {
        chart.getDatasetMeta(column).data.forEach(function (bar, row) {
          var value = values[row][column];
          if (value === null || value === undefined) {
            return;
          }
          ctx.fillStyle = value > 35 ? '#ffffff' : INK;
          ctx.fillText(Math.round(value) + '%', (bar.x + bar.base) / 2, bar.y);
        });
      });
      ctx.restore();
    }
  };

  function heatmap(canvas, data) {
    var columns = data.columns;
    sizeBox(canvas, Math.max(160, data.rows.length * 28 + 70));
    return new Chart(canvas, {
      type: 'bar',
      plugins: [cellLabels],
      data: {
        labels: data.rows,
        datasets: columns.map(function (column, k) {
          return {
            label: column,
            data: data.values.map(function (row) {
              return row[k] === null ? null : 1;
            }),
            backgroundColor: data.values.map(function (row) {
              return row[k] === null ? 'transparent' : heat(row[k]);
            }),
            borderColor: '#ffffff',
            borderWidth: 1,
            barPercentage: 1,
            categoryPercentage: 1
          };
        })
      },
      options: {
        indexAxis: 'y',
        cellValues: data.values,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: function (items) {
                var row = items[0].dataIndex;
                return data.rows[row] + ' (' + data.sizes[row] + ' ' + data.fans + ')';
              },
              label: function (item) {
                return columns[item.datasetIndex] + ': ' + percent(data.values[item.dataIndex][item.datasetIndex]);
              }
            }
          }
        },
        scales: {
          x: {
            type: 'linear',
            stacked: true,
            min: 0,
            max: Math.max(1, columns.length),
            grid: { display: false },
            title: { display: true, text: data.xTitle },
            afterBuildTicks: function (axis) {
              axis.ticks = columns.map(function (column, i) {
                return { value: i + 0.5 };
              });
            },
            ticks: {
              callback: function (value) {
                return columns[Math.floor(value)];
              }
            }
          },
          y: { stacked: true, grid: { display: false } }
        }
      }
    });
  }

  function curve(canvas, data) {
    sizeBox(canvas, 300);
    return new Chart(canvas, {
      type: 'line',
      data: {
        labels: data.columns,
        datasets: data.series.map(function (series, i) {
          return {
            label: series.label,
            data: series.values,
            borderColor: SERIES[i % SERIES.length],
            backgroundColor: SERIES[i % SERIES.length],
            borderWidth: series.main ? 4 : 1.5,
            pointRadius: series.main ? 4 : 2,
            tension: 0.2
          };
        })
      },
      options: {
        plugins: {
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + ': ' + percent(item.raw);
              }
            }
          }
        },
        scales: {
          x: { title: { display: true, text: data.xTitle } },
          y: { min: 0, max: 100, title: { display: true, text: data.yTitle } }
        }
      }
    });
  }

  function retention(canvas, data) {
    sizeBox(canvas, 320);
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: [
          { type: 'bar', label: data.names.newcomers, data: data.newcomers, backgroundColor: '#c9b3e0', stack: 'fans', yAxisID: 'y' },
          { type: 'bar', label: data.names.returning, data: data.returning, backgroundColor: SERIES[0], stack: 'fans', yAxisID: 'y' },
          {
            type: 'line', label: data.names.retention, data: data.retention, borderColor: SERIES[1],
            backgroundColor: SERIES[1], borderWidth: 3, pointRadius: 4, yAxisID: 'y1', tension: 0.2
          }
        ]
      },
      options: {
        plugins: {
          tooltip: {
            callbacks: {
              title: function (items) {
                return items[0].label + ' ' + data.titles[items[0].dataIndex];
              },
              label: function (item) {
                return item.dataset.label + ': ' + (item.dataset.yAxisID === 'y1' ? percent(item.raw) : item.raw);
              }
            }
          }
        },
        scales: {
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: data.names.fans } },
          y1: { position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: '%' } }
        }
      }
    });
  }

  function funnel(canvas, data) {
    sizeBox(canvas, 240);
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: [{
          label: data.people,
          data: data.counts,
          backgroundColor: data.counts.map(function (count, i) {
            return SERIES[0] + ['', 'dd', 'bb', '99'][i % 4];
          })
        }]
      },
      options: {
        indexAxis: 'y',
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: function (item) {
                var rate = data.rates[item.dataIndex];
                return item.raw + ' ' + data.people + (rate === null ? '' : ' · ' + percent(rate) + ' ' + data.ofPrevious);
              }
            }
          }
        },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  var kinds = { heatmap: heatmap, curve: curve, retention: retention, funnel: funnel };
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var data = JSON.parse(canvas.getAttribute('data-chart'));
    var draw = kinds[data.kind];
    if (draw) {
      draw(canvas, data);
    }
  });
})();
