package catalog

import (
	"testing"
)

// Benchmarks beside the hot paths: Load runs once per process, the lookups
// run per policy statement, Complete per keystroke.

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAction(b *testing.B) {
	c := mustLoad(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := c.Action("S3:GetObject"); !ok {
			b.Fatal("missing")
		}
	}
}

func BenchmarkConditionKeyTemplate(b *testing.B) {
	c := mustLoad(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := c.ConditionKey("aws:RequestTag/team"); !ok {
			b.Fatal("missing")
		}
	}
}

func BenchmarkExpand(b *testing.B) {
	c := mustLoad(b)
	for _, p := range []string{"s3:Get*", "ec2:*", "*:Get*", "*"} {
		b.Run(p, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.Expand(p)
			}
		})
	}
}

func BenchmarkComplete(b *testing.B) {
	c := mustLoad(b)
	for _, p := range []string{"s", "s3:Get", "ec2:descr", "ec2:dscrinst", "iam:"} {
		b.Run(p, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.Complete(p, 20)
			}
		})
	}
}

func BenchmarkNearest(b *testing.B) {
	c := mustLoad(b)
	for _, n := range []string{"s3:GetObjects", "ec2:RunInstance", "s4:GetObject", "ec2:DescribeInstancesXYZ"} {
		b.Run(n, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.Nearest(n)
			}
		})
	}
}

func BenchmarkMatchesARNPattern(b *testing.B) {
	p := ParseARNPattern("arn:${Partition}:s3:::${BucketName}/${ObjectName}")
	b.ReportAllocs()
	for b.Loop() {
		if !p.Matches("arn:aws:s3:::my-bucket/home/${aws:username}/*") {
			b.Fatal("no match")
		}
	}
}

func mustLoad(tb testing.TB) *Catalog {
	tb.Helper()
	c, err := Load()
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
