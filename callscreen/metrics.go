package callscreen

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/callscreen/callscreen/bus"
	"github.com/callscreen/callscreen/transcribe"
)

// Metrics exposes a node's state to Prometheus. Most values are read from
// the components when scraped, so the hot paths keep plain counters.
type Metrics struct {
	reg          *prometheus.Registry
	alertLatency *prometheus.HistogramVec
}

// NewMetrics registers the process and NATS connection metrics.
func NewMetrics(conn *bus.Conn) *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.alertLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "callscreen_alert_latency_seconds",
		Help:    "Time from a segment reaching the worker's stream (or a partial arriving) to its alert being stored.",
		Buckets: []float64{.0005, .001, .002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"category"})
	m.reg.MustRegister(m.alertLatency)
	m.reg.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "callscreen_nats_reconnects_total", Help: "NATS reconnections."},
			func() float64 { return float64(conn.NC.Stats().Reconnects) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "callscreen_nats_connected", Help: "1 while connected to NATS."},
			func() float64 { return boolGauge(conn.Healthy() == nil) }),
	)
	return m
}

func boolGauge(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// AddWorker exposes a worker's counters, its alert latency, and the queue
// lag of its consumer. Call before w.Run.
func (m *Metrics) AddWorker(w *Worker) {
	w.onAlert = func(category string, d time.Duration) {
		m.alertLatency.WithLabelValues(category).Observe(d.Seconds())
	}
	m.reg.MustRegister(&workerCollector{w: w})
}

// AddMedia exposes the number of live calls.
func (m *Metrics) AddMedia(media *Media) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "callscreen_calls_active", Help: "Live calls being screened."},
		func() float64 { return float64(media.ActiveCalls()) }))
}

// AddSphinx exposes the embedded recogniser's load.
func (m *Metrics) AddSphinx(s *transcribe.Sphinx) {
	m.reg.MustRegister(
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "callscreen_recogniser_realtime_factor", Help: "Recogniser CPU seconds per audio second, since start."},
			func() float64 { return s.Stats().RealTimeFactor() }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "callscreen_recogniser_audio_seconds_total", Help: "Audio seconds recognised."},
			func() float64 { return s.Stats().AudioSeconds }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "callscreen_recogniser_streams_active", Help: "Recogniser streams in use."},
			func() float64 { return float64(s.Stats().FullInUse) }),
	)
}

var (
	descSegments = prometheus.NewDesc("callscreen_segments_total", "Final transcript segments classified.", nil, nil)
	descAlerts   = prometheus.NewDesc("callscreen_alerts_total", "Alerts raised, by category.", []string{"category"}, nil)
	descVerdicts = prometheus.NewDesc("callscreen_verdicts_total", "Calls judged.", nil, nil)
	descSkipped  = prometheus.NewDesc("callscreen_bad_messages_total", "Malformed bus messages skipped.", nil, nil)
	descCalls    = prometheus.NewDesc("callscreen_worker_calls", "Calls whose state a worker holds.", nil, nil)
	descLag      = prometheus.NewDesc("callscreen_queue_lag", "Segments and events stored but not yet delivered to the workers.", nil, nil)
)

type workerCollector struct{ w *Worker }

func (c *workerCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descSegments, descAlerts, descVerdicts, descSkipped, descCalls, descLag} {
		ch <- d
	}
}

func (c *workerCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.w.Stats()
	ch <- prometheus.MustNewConstMetric(descSegments, prometheus.CounterValue, float64(st.Segments))
	ch <- prometheus.MustNewConstMetric(descVerdicts, prometheus.CounterValue, float64(st.Verdicts))
	ch <- prometheus.MustNewConstMetric(descSkipped, prometheus.CounterValue, float64(st.Skipped))
	ch <- prometheus.MustNewConstMetric(descCalls, prometheus.GaugeValue, float64(st.Calls))
	for cat, n := range st.AlertsByCategory {
		ch <- prometheus.MustNewConstMetric(descAlerts, prometheus.CounterValue, float64(n), cat)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if lag, err := c.w.QueueLag(ctx); err == nil {
		ch <- prometheus.MustNewConstMetric(descLag, prometheus.GaugeValue, float64(lag))
	}
}
