"""cwassess: self-assessment engine for 《国家卫生城市和国家卫生县标准》(2021版)."""

__version__ = "0.1.0"
